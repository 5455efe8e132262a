package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The spec's Workflow 1, step by step, against the running server. */
class WorkflowOneTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void presetVoiceSynthesisFromRegistrationToDownload() throws Exception {
        ApiClient anonymous = app.client();
        String email = "john-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response registered = anonymous.post(
                "/api/v1/auth/register",
                Map.of("email", email, "password", "SecurePass123!", "first_name", "John", "last_name", "Doe"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("success").asBoolean()).isTrue();
        assertThat(registered.data().get("email").asText()).isEqualTo(email);

        ApiClient.Response login =
                anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", "SecurePass123!"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().get("refresh_token").asText()).isNotBlank();
        assertThat(login.data().get("user").get("email").asText()).isEqualTo(email);
        ApiClient user = anonymous.withToken(login.data().get("access_token").asText());

        ApiClient.Response created = user.post(
                "/api/v1/job",
                Map.of(
                        "text_content",
                        "Hello world, this uses the default voice model!",
                        "voice_model_id",
                        "default_voice_001",
                        "output_format",
                        "wav",
                        "speed",
                        1.0,
                        "pitch",
                        1.0,
                        "volume",
                        1.0));
        assertThat(created.status()).isEqualTo(201);
        JsonNode job = created.data();
        String jobId = job.get("id").asText();
        assertThat(jobId).startsWith("job_");
        assertThat(job.get("status").asText()).isIn("pending", "processing", "completed");
        assertThat(job.get("text_hash").asText()).isEqualTo(sha256("Hello world, this uses the default voice model!"));
        assertThat(job.get("word_count").asInt()).isEqualTo(8);
        assertThat(job.get("text_length").asInt()).isEqualTo(47);

        ApiClient.SseCapture stream = user.progress(jobId, Duration.ofSeconds(60));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.last().get("event").asText()).isEqualTo("complete");
        List<JsonNode> states = stream.events().subList(0, stream.events().size() - 1);
        assertThat(states).isNotEmpty();
        JsonNode finalState = states.get(states.size() - 1);
        assertThat(finalState.get("status").asText()).isEqualTo("completed");
        assertThat(finalState.get("progress").asDouble()).isEqualTo(100.0);
        double previous = -1;
        for (JsonNode state : states) {
            double p = state.get("progress").asDouble();
            if (state.get("status").asText().equals("processing")
                    || state.get("status").asText().equals("completed")) {
                assertThat(p).isGreaterThanOrEqualTo(previous);
                previous = p;
            }
        }

        JsonNode result = user.get("/api/v1/job/" + jobId).data();
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("output_file_path").asText()).startsWith("/api/v1/files/audio/");
        assertThat(result.get("output_file_path").asText())
                .doesNotContain(app.dataDir().toString());
        assertThat(result.get("started_at").isNull()).isFalse();
        assertThat(result.get("completed_at").isNull()).isFalse();
        assertThat(result.get("processing_time_ms").asLong()).isPositive();

        ApiClient.Response audio = user.get("/api/v1/files/audio/" + jobId);
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(audio.header("Content-Disposition")).contains(jobId + ".wav");
        assertThat(Long.parseLong(audio.header("Content-Length"))).isEqualTo(audio.body().length);
        DecodedAudio decoded = AudioDecoder.decode(audio.body());
        assertThat(decoded.sampleRate()).isEqualTo(22050);
        // Eight words of speech: roughly two to five seconds.
        assertThat(decoded.durationSeconds()).isBetween(1.5, 6.0);
        assertThat(decoded.durationSeconds())
                .isCloseTo(result.get("duration").asDouble(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(rms(decoded.mono())).as("speech, not silence").isGreaterThan(0.02);
    }

    static double rms(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes("UTF-8")));
    }
}
