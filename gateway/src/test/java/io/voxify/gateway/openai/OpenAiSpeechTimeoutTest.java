package io.voxify.gateway.openai;

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
 * A speech whose job does not end within {@code voxify.synthesis.openai-speech-timeout} is cancelled
 * (nobody would fetch its audio), the cancellation is in its history, and the caller gets a 503 envelope
 * naming the job and telling the OpenAI SDKs not to retry it. Speeches use the daily synthesis quota.
 */
class OpenAiSpeechTimeoutTest {

    @Test
    void aSpeechNotReadyInTimeIsCancelledAndRefusedWithoutARetryAndSpeechesCountAgainstTheQuota() {
        try (RunningApp app = RunningApp.start(
                RunningApp.tempDir("voxify-speech-timeout-"),
                Map.of("voxify.synthesis.openai-speech-timeout", "PT1S"))) {
            ApiClient user = app.client().newUser();
            // The one worker is busy with this long job, so the speech waits behind it.
            String text = "A long sentence that keeps the worker busy well past the deadline. ".repeat(100);
            String busy = user.createJob(Map.of("text_content", text, "speed", 0.5))
                    .get("id")
                    .asText();

            ApiClient.Response r = user.post(
                    "/v1/audio/speech",
                    Map.of("model", "tts-1", "input", "Too late.", "voice", "alloy"),
                    Map.of("Accept", "application/octet-stream"));
            assertThat(r.status()).as(r.text()).isEqualTo(503);
            assertThat(r.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(r.json().at("/error/message").asText()).contains("within 1 seconds");
            assertThat(r.header("x-should-retry")).isEqualTo("false");
            String jobId = r.json().at("/error/details/job_id").asText();
            assertThat(r.header("X-Voxify-Job-Id")).isEqualTo(jobId);

            JsonNode job =
                    user.awaitJob(jobId, j -> j.get("status").asText().equals("cancelled"), Duration.ofSeconds(10));
            assertThat(job.get("file_id").isNull()).isTrue();
            List<String> types = new ArrayList<>();
            user.get("/api/v1/audit/jobs/" + jobId + "/events")
                    .data()
                    .forEach(e -> types.add(e.get("type").asText()));
            assertThat(types.get(0)).isEqualTo("JobCreatedEvent");
            assertThat(types.get(types.size() - 1)).isEqualTo("JobCancelledEvent");

            user.patch("/api/v1/job/" + busy, Map.of("status", "cancelled"));

            // The speech counted against the daily synthesis quota like any job: two made, two allowed.
            ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
            ApiClient.Response configured = admin.put("/api/v1/admin/config", Map.of("syntheses_per_day", 2));
            assertThat(configured.status()).as(configured.text()).isEqualTo(200);
            ApiClient.Response over =
                    user.post("/v1/audio/speech", Map.of("model", "tts-1", "input", "One too many.", "voice", "alloy"));
            assertThat(over.status()).as(over.text()).isEqualTo(429);
            assertThat(over.errorCode()).isEqualTo("QUOTA_EXCEEDED");
            assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 86_400L);
        }
    }
}
