package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/voice/clones with generation parameters: a base voice and the fit's quality in
 * {@code config}, every other field refused by name; the answer's generation job followed by its status
 * and its progress stream, whose steps are the fit's own.
 */
class CloneGenerationTest {
    private static final Duration SLOW = Duration.ofMinutes(3);
    private static RunningApp app;
    private static ApiClient user;
    private static String sampleId;

    @BeforeAll
    static void aUserWithAProcessedSample() {
        app = RunningApp.shared();
        user = app.client().newUser();
        ApiClient.Response uploaded = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "Reading", "language", "en-US"),
                "r.wav",
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        sampleId = uploaded.data().get("id").asText();
        JsonNode sample = user.await(
                "/api/v1/voice/samples/" + sampleId,
                s -> List.of("processed", "rejected").contains(s.get("status").asText()),
                SLOW);
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
    }

    private static Map<String, Object> body(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sample_ids", List.of(sampleId));
        body.put("name", "Generated");
        body.putAll(extra);
        return body;
    }

    private static void assertRefused(
            Map<String, Object> extra, int status, String code, String field, String mentions) {
        ApiClient.Response r = user.post("/api/v1/voice/clones", body(extra));
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.text()).isEqualTo(code);
        JsonNode details = r.json().at("/error/details");
        assertThat(details.has(field)).as(field + " named in " + details).isTrue();
        assertThat(details.get(field).asText()).as(r.text()).contains(mentions);
    }

    @Test
    void unknownOrBadGenerationParametersAreRefusedByNameAndCostNothing() {
        long clonesBefore = app.bean(DailyQuotas.class).used(user.userId(), DailyQuotas.CLONES);
        int listedBefore = user.get("/api/v1/voice/clones")
                .json()
                .at("/meta/pagination/total_count")
                .asInt();

        assertRefused(Map.of("temperature", 0.7), 400, "VALIDATION_ERROR", "temperature", "not a known field");
        assertRefused(Map.of("quality", "best"), 400, "VALIDATION_ERROR", "quality", "config.quality");
        assertRefused(
                Map.of("base_voice_id", "preset_en_us_male_001"),
                400,
                "VALIDATION_ERROR",
                "base_voice_id",
                "generation parameters go in config");
        assertRefused(
                Map.of("config", Map.of("epochs", 100)),
                400,
                "VALIDATION_ERROR",
                "config.epochs",
                "not a known generation parameter");
        assertRefused(
                Map.of("config", Map.of("quality", "perfect")),
                400,
                "VALIDATION_ERROR",
                "config.quality",
                "[fast, balanced, best]");
        assertRefused(
                Map.of("config", Map.of("base_voice_id", 42)),
                400,
                "VALIDATION_ERROR",
                "config.base_voice_id",
                "string");
        assertRefused(Map.of("config", "best"), 400, "VALIDATION_ERROR", "config", "object");
        assertRefused(
                Map.of("config", Map.of("base_voice_id", "vc_someoneselse")),
                400,
                "VALIDATION_ERROR",
                "config.base_voice_id",
                "a clone cannot be a base");
        assertRefused(
                Map.of("config", Map.of("base_voice_id", "preset_de_female_001")),
                400,
                "VALIDATION_ERROR",
                "config.base_voice_id",
                "de-DE");
        assertRefused(
                Map.of("config", Map.of("base_voice_id", "piper_not_installed")),
                404,
                "VOICE_MODEL_NOT_FOUND",
                "base_voice_id",
                "piper_not_installed");
        ApiClient.Response several = user.post(
                "/api/v1/voice/clones", body(Map.of("speed", 2, "config", Map.of("pitch", 1, "quality", "fast"))));
        assertThat(several.json().at("/error/details").fieldNames())
                .toIterable()
                .as("every unknown field is named at once")
                .contains("speed", "config.pitch");

        assertThat(app.bean(DailyQuotas.class).used(user.userId(), DailyQuotas.CLONES))
                .as("a refused request uses no clone quota")
                .isEqualTo(clonesBefore);
        assertThat(user.get("/api/v1/voice/clones")
                        .json()
                        .at("/meta/pagination/total_count")
                        .asInt())
                .as("nothing was created")
                .isEqualTo(listedBefore);
    }

    @Test
    void aCloneFromAGivenBaseAtFastQualityIsAJobWhoseProgressIsTheFitsSteps() throws Exception {
        ApiClient.Response created = user.post(
                "/api/v1/voice/clones",
                body(Map.of("config", Map.of("base_voice_id", "preset_en_us_male_001", "quality", "fast"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String cloneId = created.data().get("clone_id").asText();
        String jobId = created.data().get("generation_job_id").asText();
        assertThat(jobId).startsWith("job_gen_");
        JsonNode generation = created.data().get("generation");
        assertThat(generation.get("generation_job_id").asText()).isEqualTo(jobId);
        assertThat(generation.get("status").asText()).isIn("pending", "processing");
        assertThat(generation.at("/config/base_voice_id").asText()).isEqualTo("preset_en_us_male_001");
        assertThat(generation.at("/config/quality").asText()).isEqualTo("fast");
        assertThat(generation.get("progress_url").asText())
                .isEqualTo("/api/v1/voice/generation/" + jobId + "/progress");

        CompletableFuture<ApiClient.SseCapture> stream =
                CompletableFuture.supplyAsync(() -> user.sse("/api/v1/voice/generation/" + jobId + "/progress", SLOW));
        ApiClient stranger = app.client().newUser();
        assertThat(stranger.get("/api/v1/voice/generation/" + jobId).errorCode())
                .isEqualTo("JOB_NOT_FOUND");
        assertThat(stranger.sse("/api/v1/voice/generation/" + jobId + "/progress", SLOW)
                        .status())
                .isEqualTo(404);
        assertThat(user.get("/api/v1/voice/generation/job_gen_nosuchjob").status())
                .isEqualTo(404);

        ApiClient.SseCapture events = stream.get(SLOW.toSeconds(), TimeUnit.SECONDS);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.last().get("event").asText())
                .as(events.events().toString())
                .isEqualTo("complete");
        List<JsonNode> states = events.events().subList(0, events.events().size() - 1);
        List<Integer> steps = states.stream().map(e -> e.get("step").asInt()).toList();
        assertThat(steps).as("steps only move forward").isSorted();
        assertThat(steps.stream().distinct().count())
                .as("the fit's steps, not just a start and an end: " + steps)
                .isGreaterThanOrEqualTo(5);
        // Fast from a given base: 9 renderings of the fit, then one measurement of the clone.
        assertThat(states.stream()
                        .filter(e -> e.get("steps").asInt() > 0)
                        .map(e -> e.get("steps").asInt()))
                .containsOnly(10);
        assertThat(states.stream().map(e -> e.get("progress").asDouble()).toList())
                .isSorted();
        JsonNode last = states.get(states.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("completed");
        assertThat(last.get("progress").asDouble()).isEqualTo(100.0);
        assertThat(last.get("job_id").asText()).isEqualTo(jobId);
        assertThat(states.stream().map(e -> e.get("message").asText()))
                .contains("fitting the formants", "measuring the clone against the samples");

        JsonNode job = user.get("/api/v1/voice/generation/" + jobId).data();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("clone_id").asText()).isEqualTo(cloneId);
        assertThat(job.get("step").asInt()).isEqualTo(10);
        assertThat(job.get("steps").asInt()).isEqualTo(10);
        assertThat(job.get("base_voice").asText())
                .as("the preset's engine voice")
                .isEqualTo("flite:rms");
        assertThat(job.get("quality_score").asDouble()).isBetween(0.0, 1.0);
        assertThat(job.get("started_at").isTextual()).isTrue();
        assertThat(job.get("completed_at").isTextual()).isTrue();
        JsonNode clone = user.get("/api/v1/voice/clones/" + cloneId).data();
        assertThat(clone.get("status").asText()).isEqualTo("ready");
        assertThat(clone.get("generation_job_id").asText()).isEqualTo(jobId);
        assertThat(clone.at("/profile/base_voice").asText()).isEqualTo("flite:rms");

        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        assertThat(admin.get("/api/v1/voice/generation/" + jobId).status())
                .as("administrators see it")
                .isEqualTo(200);
        ApiClient.Response replay = admin.post("/api/v1/admin/projections/clones/replay", Map.of());
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        JsonNode replayed = user.await(
                "/api/v1/voice/generation/" + jobId,
                j -> j.path("status").asText().equals("completed"),
                SLOW);
        assertThat(replayed).as("the replay rebuilds the job from its events").isEqualTo(job);

        assertThat(user.delete("/api/v1/voice/clones/" + cloneId).status()).isEqualTo(200);
        assertThat(user.get("/api/v1/voice/generation/" + jobId).status())
                .as("it goes with its clone")
                .isEqualTo(404);
    }

    @Test
    void aCloneDeletedWhileItIsGeneratedEndsItsStream() throws Exception {
        ApiClient.Response created =
                user.post("/api/v1/voice/clones", body(Map.of("config", Map.of("quality", "best"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String cloneId = created.data().get("clone_id").asText();
        String jobId = created.data().get("generation_job_id").asText();
        CompletableFuture<ApiClient.SseCapture> stream =
                CompletableFuture.supplyAsync(() -> user.sse("/api/v1/voice/generation/" + jobId + "/progress", SLOW));
        JsonNode running = user.await(
                "/api/v1/voice/generation/" + jobId, j -> j.path("step").asInt() >= 2, SLOW);
        assertThat(running.get("status").asText()).isEqualTo("processing");
        assertThat(running.get("steps").asInt())
                .as("best without a base: 61 renderings and the measurement")
                .isEqualTo(62);

        assertThat(user.delete("/api/v1/voice/clones/" + cloneId).status()).isEqualTo(200);
        ApiClient.SseCapture events = stream.get(SLOW.toSeconds(), TimeUnit.SECONDS);
        assertThat(events.last().get("event").asText())
                .as(events.events().toString())
                .isEqualTo("deleted");
        assertThat(user.get("/api/v1/voice/generation/" + jobId).status()).isEqualTo(404);
    }
}
