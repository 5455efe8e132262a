package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Once a user has a processed sample and a ready clone: similar voices, and training that refines the clone. */
class TrainingAndSimilarVoicesTest {
    private static final Duration SLOW = Duration.ofMinutes(3);
    private static RunningApp app;
    private static ApiClient user;
    private static String sampleId;
    private static String cloneId;

    @BeforeAll
    static void aUserWithAReadyClone() {
        app = RunningApp.shared();
        user = app.client().newUser();
        byte[] recording = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav");
        sampleId = user.multipart("/api/v1/voice/samples", Map.of("name", "Reading"), "r.wav", recording)
                .data()
                .get("id")
                .asText();
        user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of());
        JsonNode sample = await(
                "/api/v1/voice/samples/" + sampleId,
                s -> !s.get("status").asText().equals("processing"));
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        cloneId = user.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "Me"))
                .data()
                .get("clone_id")
                .asText();
        JsonNode clone = await(
                "/api/v1/voice/clones/" + cloneId,
                c -> List.of("ready", "failed").contains(c.get("status").asText()));
        assertThat(clone.get("status").asText()).as(clone.toString()).isEqualTo("ready");
    }

    private static JsonNode await(String path, Predicate<JsonNode> done) {
        return user.await(path, done, SLOW);
    }

    @Test
    void similarVoicesRankTheUsersOwnCloneAndThePresetsBySimilarity() {
        ApiClient.Response r = user.get("/api/v1/voice/samples/" + sampleId + "/similar?limit=10");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode items = r.data();
        assertThat(items.size()).isGreaterThanOrEqualTo(2);
        assertThat(items.get(0).get("id").asText())
                .as("the clone built from this very sample comes first")
                .isEqualTo(cloneId);
        double previous = 1.0001;
        boolean presets = false;
        for (JsonNode item : items) {
            assertThat(item.get("similarity").asDouble()).isLessThanOrEqualTo(previous);
            previous = item.get("similarity").asDouble();
            presets |= item.get("type").asText().equals("preset");
            assertThat(item.get("id").asText()).isNotEqualTo(sampleId);
        }
        assertThat(presets).isTrue();
        assertThat(user.get("/api/v1/voice/samples/" + sampleId + "/similar?limit=0")
                        .errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(app.client()
                        .newUser()
                        .get("/api/v1/voice/samples/" + sampleId + "/similar")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void trainingRecordsEveryEpochsLossAndRefinesTheClone() {
        ApiClient.Response started = user.post(
                "/api/v1/voice/samples/" + sampleId + "/train",
                Map.of(
                        "clone_id",
                        cloneId,
                        "config",
                        Map.of(
                                "epochs",
                                3,
                                "learning_rate",
                                0.1,
                                "batch_size",
                                1,
                                "enable_timestamp_alignment",
                                true)));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode job = started.data();
        String trainingId = job.get("training_job_id").asText();
        assertThat(trainingId).startsWith("job_train_");
        assertThat(job.get("estimated_duration").isIntegralNumber()).isTrue();
        assertThat(job.get("estimated_duration").asLong()).isPositive();
        assertThat(job.get("builds_clone").asBoolean()).as("the clone exists").isFalse();
        assertThat(job.get("features").get("timestamp_alignment_enabled").asBoolean())
                .isTrue();
        assertThat(job.get("clone_id").asText()).isEqualTo(cloneId);

        ApiClient.SseCapture stream = user.sse("/api/v1/voice/training/" + trainingId + "/progress", SLOW);
        assertThat(stream.last().get("event").asText())
                .as(stream.events().toString())
                .isEqualTo("complete");
        JsonNode done = user.get("/api/v1/voice/training/" + trainingId).data();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        JsonNode losses = done.get("losses");
        assertThat(losses.size()).isEqualTo(3);
        double first = losses.get(0).get("loss").asDouble();
        assertThat(done.get("best_loss").asDouble()).isLessThanOrEqualTo(first);
        for (int i = 0; i < losses.size(); i++) {
            assertThat(losses.get(i).get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(losses.get(i).get("elapsed_ms").asLong()).isPositive();
        }
        assertThat(done.get("quality_score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void clonesNameEverySampleTheyCannotUse() {
        ApiClient.Response missing = user.post(
                "/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId, "vs_nosuchsample"), "name", "Broken"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(missing.json()
                        .path("error")
                        .path("details")
                        .path("sample_ids")
                        .toString())
                .contains("vs_nosuchsample")
                .doesNotContain(sampleId);

        String unprocessed = user.multipart(
                        "/api/v1/voice/samples",
                        Map.of("name", "Raw"),
                        "raw.wav",
                        SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0920.wav"))
                .data()
                .get("id")
                .asText();
        ApiClient.Response notReady = user.post(
                "/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId, unprocessed), "name", "Too soon"));
        assertThat(notReady.status()).isEqualTo(400);
        assertThat(notReady.errorCode()).isEqualTo("SAMPLE_NOT_PROCESSED");
        assertThat(notReady.json()
                        .path("error")
                        .path("details")
                        .path("sample_ids")
                        .toString())
                .contains(unprocessed);

        assertThat(user.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(), "name", "Empty"))
                        .errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(user.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId)))
                        .errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(user.post("/api/v1/voice/clones/" + cloneId + "/select", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(user.post("/api/v1/voice/clones/vc_nothing/select", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aSampleCannotBeDeletedWhileACloneIsBeingBuiltFromIt() {
        String second = user.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "Second"))
                .data()
                .get("clone_id")
                .asText();
        ApiClient.Response refused = user.delete("/api/v1/voice/samples/" + sampleId);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("SAMPLE_IN_USE");
        assertThat(refused.json()
                        .path("error")
                        .path("details")
                        .path("clone_ids")
                        .toString())
                .contains(second);
        await(
                "/api/v1/voice/clones/" + second,
                c -> List.of("ready", "failed").contains(c.get("status").asText()));
        assertThat(user.delete("/api/v1/voice/clones/" + second).status()).isEqualTo(200);
        assertThat(user.get("/api/v1/voice/samples/" + sampleId).status()).isEqualTo(200);
    }

    @Test
    void trainingIsRefusedForBadConfigsAndOtherUsersSamples() {
        ApiClient.Response bad = user.post(
                "/api/v1/voice/samples/" + sampleId + "/train",
                Map.of("config", Map.of("epochs", 0, "learning_rate", -1, "batch_size", 2.5)));
        assertThat(bad.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(bad.json().path("error").path("details").fieldNames())
                .toIterable()
                .contains("config.epochs", "config.learning_rate", "config.batch_size");

        ApiClient.Response beyond = user.post(
                "/api/v1/voice/samples/" + sampleId + "/train",
                Map.of("config", Map.of("epochs", 1001, "learning_rate", 2, "batch_size", 513)));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.errorCode()).isEqualTo("VALIDATION_ERROR");
        JsonNode ranges = beyond.json().path("error").path("details");
        assertThat(ranges.path("config.epochs").asText()).contains("1").contains("1000");
        assertThat(ranges.path("config.learning_rate").asText()).isEqualTo("must be a number from 0.00001 to 1");
        assertThat(ranges.path("config.batch_size").asText()).contains("512");

        ApiClient.Response unknown = user.post(
                "/api/v1/voice/samples/" + sampleId + "/train",
                Map.of("config", Map.of("epochs", 10, "momentum", 0.9, "optimizer", "sgd"), "dropout", 0.1));
        assertThat(unknown.status()).as("never dropped silently").isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(unknown.json().path("error").path("details").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("config.momentum", "config.optimizer", "dropout");
        assertThat(unknown.json().path("error").path("message").asText()).contains("config.momentum");
        ApiClient stranger = app.client().newUser();
        assertThat(stranger.post("/api/v1/voice/samples/" + sampleId + "/train", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(user.post("/api/v1/voice/samples/" + sampleId + "/train", Map.of("clone_id", "vc_missing"))
                        .status())
                .isEqualTo(404);
    }
}
