package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API document's training request, sent as the document writes it, on a sample that was just uploaded and
 * processed and has no clone: training builds the voice from the sample and trains it, and the voice speaks.
 */
class TrainingFromSampleTest {
    /** The document's request body, byte for byte as it shows it. */
    static final String DOCUMENT_REQUEST = """
            {
                "config": {
                    "epochs": 100,
                    "learning_rate": 0.001,
                    "batch_size": 32,
                    "enable_timestamp_alignment": true
                }
            }""";

    private static final Duration PROCESSING = Duration.ofMinutes(3);
    /** A hundred epochs of four renderings each, and the clone's fit before them, on a shared 2-core machine. */
    private static final Duration TRAINING = Duration.ofMinutes(25);

    @Test
    void theDocumentsRequestBuildsAVoiceFromAFreshSampleTrainsItAndTheVoiceSpeaks() {
        RunningApp app = RunningApp.shared();
        ApiClient user = app.client().newUser();
        String sampleId = freshlyProcessedSample(user);
        assertThat(user.get("/api/v1/voice/clones").data().size())
                .as("no clone yet")
                .isZero();

        long sent = System.nanoTime();
        ApiClient.Response started = user.post("/api/v1/voice/samples/" + sampleId + "/train", DOCUMENT_REQUEST);

        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode answer = started.json();
        assertThat(answer.get("success").isBoolean()).isTrue();
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("message").isTextual()).isTrue();
        JsonNode job = answer.get("data");
        assertThat(job.get("training_job_id").isTextual()).as(job.toString()).isTrue();
        assertThat(job.get("training_job_id").asText()).startsWith("job_train_");
        assertThat(job.get("estimated_duration").isIntegralNumber())
                .as("whole seconds: " + job)
                .isTrue();
        assertThat(job.get("estimated_duration").asLong()).isPositive();
        assertThat(job.get("status").isTextual()).isTrue();
        assertThat(job.get("status").asText()).isEqualTo("pending");
        JsonNode features = job.get("features");
        assertThat(features.isObject()).isTrue();
        assertThat(features.get("timestamp_alignment_enabled").isBoolean()).isTrue();
        assertThat(features.get("timestamp_alignment_enabled").asBoolean()).isTrue();
        assertThat(features.get("voice_quality_enhancement").isBoolean()).isTrue();
        assertThat(features.get("voice_quality_enhancement").asBoolean())
                .as("a hundred epochs train the voice's quality")
                .isTrue();
        assertThat(job.get("clone_id").isTextual()).isTrue();
        assertThat(job.get("builds_clone").asBoolean()).isTrue();
        String trainingId = job.get("training_job_id").asText();
        String cloneId = job.get("clone_id").asText();

        JsonNode clone = user.get("/api/v1/voice/clones/" + cloneId).data();
        assertThat(clone.get("sample_ids").toString()).contains(sampleId);
        assertThat(List.of("pending", "training", "ready"))
                .contains(clone.get("status").asText());
        assertThat(app.client().newUser().get("/api/v1/voice/clones/" + cloneId).status())
                .as("the caller's own clone")
                .isEqualTo(404);

        ApiClient.SseCapture stream = user.sse("/api/v1/voice/training/" + trainingId + "/progress", TRAINING);
        long tookSeconds = (System.nanoTime() - sent) / 1_000_000_000L;
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.last().get("event").asText())
                .as(stream.last().toString())
                .isEqualTo("complete");
        List<Integer> epochsSeen = new ArrayList<>();
        stream.events().forEach(e -> {
            if (e.has("epoch")) {
                epochsSeen.add(e.get("epoch").asInt());
            }
        });
        assertThat(epochsSeen).as("epochs stream as they end").contains(1, 50).isSorted();

        JsonNode done = user.get("/api/v1/voice/training/" + trainingId).data();
        System.out.printf(
                "document's request: estimated %d s, took %d s; quality %s; trained profile %s%n",
                job.get("estimated_duration").asLong(), tookSeconds, done.get("quality"), done.get("trained_profile"));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("epochs_completed").asInt()).isEqualTo(100);
        assertThat(done.get("losses").size()).isEqualTo(100);
        assertThat(done.get("estimated_duration").isIntegralNumber()).isTrue();
        JsonNode quality = done.get("quality");
        double before = quality.at("/before/quality_score").asDouble();
        double after = quality.at("/after/quality_score").asDouble();
        assertThat(quality.get("enhanced").isBoolean()).as(quality.toString()).isTrue();
        assertThat(done.at("/features/voice_quality_enhancement").asBoolean())
                .as("once completed, the measured outcome")
                .isEqualTo(quality.get("enhanced").asBoolean());
        if (quality.get("enhanced").asBoolean()) {
            assertThat(after - before).isGreaterThanOrEqualTo(0.01);
        }
        assertThat(done.at("/trained_profile/pause_factor").isNumber()).isTrue();

        JsonNode voice = user.get("/api/v1/voice/clones/" + cloneId).data();
        assertThat(voice.get("status").asText()).isEqualTo("ready");
        if (after >= before - 0.005) {
            assertThat(voice.at("/profile/speed_factor").asDouble())
                    .as("the trained profile is the clone's")
                    .isEqualTo(done.at("/trained_profile/speed_factor").asDouble());
        }
        ApiClient.Response model = user.get("/api/v1/voice/models/" + cloneId);
        assertThat(model.status())
                .as("in the caller's library: " + model.text())
                .isEqualTo(200);

        JsonNode spoken = user.createJob(Map.of(
                "text_content",
                "Hello world, this is my trained voice speaking!",
                "voice_model_id",
                cloneId,
                "output_format",
                "wav",
                "config",
                Map.of("include_timestamps", true, "timestamp_granularity", "word")));
        JsonNode result = user.awaitJob(
                spoken.get("id").asText(),
                j -> List.of("completed", "failed").contains(j.get("status").asText()),
                PROCESSING);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(result.get("timestamps").size()).isGreaterThanOrEqualTo(8);
        ApiClient.Response audio =
                user.get("/api/v1/files/audio/" + result.get("file_id").asText());
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.body().length).isGreaterThan(16_000);
    }

    @Test
    void theApiDocumentDescribesTheTrainingBodyAndAnswer() {
        JsonNode docs = RunningApp.shared().client().get("/v3/api-docs").json();
        JsonNode train = docs.at("/paths/~1api~1v1~1voice~1samples~1{sampleId}~1train/post");
        assertThat(train.at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TrainingRequest");
        assertThat(train.at("/responses/202/content").toString()).contains("#/components/schemas/TrainingJobEnvelope");
        JsonNode schemas = docs.at("/components/schemas");
        JsonNode config = schemas.at("/TrainingConfig/properties");
        assertThat(fieldNames(config))
                .containsExactlyInAnyOrder("epochs", "learning_rate", "batch_size", "enable_timestamp_alignment");
        assertThat(config.at("/epochs/maximum").asInt()).isEqualTo(1000);
        assertThat(config.at("/batch_size/maximum").asInt()).isEqualTo(512);
        assertThat(config.at("/learning_rate/minimum").asDouble()).isEqualTo(0.00001);
        assertThat(config.at("/batch_size/description").asText()).contains("half-second segments");
        assertThat(config.at("/enable_timestamp_alignment/description").asText())
                .contains("word timestamps");
        JsonNode job = schemas.at("/TrainingJob/properties");
        assertThat(fieldNames(job)).contains("training_job_id", "estimated_duration", "status", "features", "clone_id");
        assertThat(job.at("/estimated_duration/type").asText()).isEqualTo("integer");
        assertThat(fieldNames(schemas.at("/TrainingFeatures/properties")))
                .containsExactlyInAnyOrder("timestamp_alignment_enabled", "voice_quality_enhancement");
        assertThat(train.at("/x-error-codes").toString())
                .contains("VALIDATION_ERROR", "SAMPLE_NOT_PROCESSED", "CLONE_NOT_READY", "QUOTA_EXCEEDED");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A LibriVox reading, uploaded as the document's workflow does and processed. */
    static String freshlyProcessedSample(ApiClient user) {
        ApiClient.Response uploaded = user.multipart(
                "/api/v1/voice/samples",
                Map.of(
                        "name",
                        "My Personal Voice Sample",
                        "description",
                        "High quality recording for voice cloning",
                        "language",
                        "en-US"),
                "voice_sample.wav",
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String sampleId = uploaded.data().get("id").asText();
        // Upload may start processing by itself; asking again is then answered with the sample's state.
        assertThat(user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of())
                        .status())
                .isIn(200, 202);
        JsonNode sample = user.await(
                "/api/v1/voice/samples/" + sampleId,
                s -> List.of("processed", "rejected", "failed")
                        .contains(s.get("status").asText()),
                PROCESSING);
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        return sampleId;
    }
}
