package io.voxify.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Node.js SDK (npm {@code openai}, pinned by {@code openai-e2e/package-lock.json})
 * pointed at the running app with {@code baseURL: http://127.0.0.1:PORT/v1} and a Voxify access token as
 * its API key: {@code client.audio.speech.create(...)} returns audio, and refusals become the SDK's own
 * error classes carrying the server's message and code ({@code openai-e2e/speech.mjs}).
 */
class OpenAiSdkTest {
    private static final Path SCRIPT_DIR = Path.of("..", "openai-e2e");
    private static final Path SDK = SCRIPT_DIR.resolve(Path.of("node_modules", "openai", "package.json"));
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final RunningApp app = RunningApp.shared();

    @Test
    void theOfficialNodeSdkSpeaksThroughVoxifyAndReadsItsRefusals() throws Exception {
        assertThat(SDK)
                .as("the openai npm package: run scripts/ensure-openai-e2e.sh (scripts/ensure-packages.sh "
                        + "test does)")
                .exists();
        ApiClient user = app.client().newUser();
        Path out = Files.createDirectories(Path.of("target", "openai-sdk"));
        Path log = out.resolve("speech.log");
        Process node = new ProcessBuilder(List.of(
                        "node",
                        "speech.mjs",
                        app.baseUrl(),
                        user.token(),
                        out.toAbsolutePath().toString()))
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = node.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.exists(log) ? Files.readString(log) : "(no output)";
        assertThat(finished)
                .as("the SDK run ended within %s:%n%s", TIMEOUT, output)
                .isTrue();
        assertThat(node.exitValue()).as("openai-e2e/speech.mjs:%n%s", output).isZero();
        assertThat(output).contains("openai sdk passed");

        List<JsonNode> speeches = new ArrayList<>();
        List<JsonNode> refusals = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode entry = ApiClient.JSON.readTree(line);
                (entry.get("kind").asText().equals("speech") ? speeches : refusals).add(entry);
            }
        }
        assertThat(speeches).hasSize(2);
        assertThat(refusals).extracting(r -> r.get("status").asInt()).containsExactly(404, 400, 400, 401);

        JsonNode mp3 = speeches.get(0);
        assertThat(mp3.get("content_type").asText()).isEqualTo("audio/mpeg");
        DecodedAudio mp3Audio = decode(Path.of(mp3.get("file").asText()));
        assertThat(mp3Audio.format()).isEqualTo("mp3");
        JsonNode wav = speeches.get(1);
        assertThat(wav.get("content_type").asText()).isEqualTo("audio/wav");
        DecodedAudio wavAudio = decode(Path.of(wav.get("file").asText()));
        assertThat(wavAudio.sampleRate()).isEqualTo(24_000);
        assertThat(wavAudio.durationSeconds())
                .as("speed 1.5 against the default 1.0, same text and voice")
                .isLessThan(mp3Audio.durationSeconds() * 0.85);

        for (JsonNode speech : speeches) {
            JsonNode job =
                    user.get("/api/v1/job/" + speech.get("job_id").asText()).data();
            assertThat(job.get("status").asText()).isEqualTo("completed");
            ApiClient.Response history =
                    user.get("/api/v1/audit/jobs/" + job.get("id").asText() + "/events");
            List<String> types = new ArrayList<>();
            history.data().forEach(e -> types.add(e.get("type").asText()));
            assertThat(types.get(0)).isEqualTo("JobCreatedEvent");
            assertThat(types.get(types.size() - 1)).isEqualTo("JobCompletedEvent");
        }
    }

    private static DecodedAudio decode(Path file) throws IOException {
        DecodedAudio audio = AudioDecoder.decode(Files.readAllBytes(file));
        assertThat(audio.durationSeconds()).isGreaterThan(0.5);
        return audio;
    }
}
