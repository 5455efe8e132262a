package io.voxify.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streaming a job's audio while it synthesises ({@code GET /api/v1/job/{id}/audio/stream}) and the one-call
 * {@code POST /api/v1/tts/stream}, against the running application.
 */
public class AudioStreamTest {
    private final RunningApp app = RunningApp.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    static final String LONG_TEXT = String.join(
            " ",
            Collections.nCopies(
                    12, "Streaming sends each sentence as soon as it has been spoken, so playback starts early."));

    /** A streamed response read as it arrives: when the first bytes came, and everything. */
    public record Streamed(int status, HttpResponse<InputStream> response, Instant firstBytesAt, byte[] body) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() throws IOException {
            return ApiClient.JSON.readTree(body);
        }
    }

    public interface FirstBytes {
        void arrived() throws Exception;
    }

    Streamed stream(ApiClient user, HttpRequest.Builder request, FirstBytes onFirst) throws Exception {
        return stream(http, user, request, onFirst);
    }

    /** Sends {@code request} as {@code user} and reads the answer as it arrives. */
    public static Streamed stream(HttpClient http, ApiClient user, HttpRequest.Builder request, FirstBytes onFirst)
            throws Exception {
        HttpResponse<InputStream> r = http.send(
                request.header("Authorization", "Bearer " + user.token())
                        .timeout(Duration.ofSeconds(120))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Instant first = null;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && first == null) {
                    first = Instant.now();
                    if (r.statusCode() == 200 && onFirst != null) {
                        onFirst.arrived();
                    }
                }
                all.write(buffer, 0, n);
            }
        }
        return new Streamed(r.statusCode(), r, first, all.toByteArray());
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET();
    }

    HttpRequest.Builder post(String path, Object body) throws IOException {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)));
    }

    /** The samples of a 16-bit mono WAV (its data chunk), checking the header on the way. */
    public static short[] wavSamples(byte[] wav, int expectedRate) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(new String(wav, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("fmt ");
        assertThat(b.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(b.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(expectedRate);
        assertThat(b.getInt(28)).as("byte rate").isEqualTo(expectedRate * 2);
        assertThat(b.getShort(32)).as("block align").isEqualTo((short) 2);
        assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(new String(wav, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        return pcmSamples(Arrays.copyOfRange(wav, 44, wav.length));
    }

    static short[] pcmSamples(byte[] pcm) {
        short[] s = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    @Test
    void aRunningJobStreamsItsSentencesBeforeItCompletesAndTheStreamIsTheFile() throws Exception {
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(Map.of("text_content", LONG_TEXT, "sample_rate", 16000))
                .get("id")
                .asText();
        List<String> statusAtFirstBytes = new ArrayList<>();
        Streamed s = stream(
                user,
                get("/api/v1/job/" + jobId + "/audio/stream"),
                () -> statusAtFirstBytes.add(
                        user.get("/api/v1/job/" + jobId).data().get("status").asText()));

        assertThat(s.status()).as(new String(s.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(s.header("X-Voxify-Job-Id")).isEqualTo(jobId);
        assertThat(s.header("Transfer-Encoding")).isEqualTo("chunked");
        JsonNode done = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        assertThat(statusAtFirstBytes)
                .as("the job was still synthesising when the first audio arrived")
                .singleElement()
                .isIn("pending", "processing");
        assertThat(s.firstBytesAt())
                .isBefore(Instant.parse(done.get("completed_at").asText()));

        // A streaming header: the lengths are not known while it is written.
        ByteBuffer header = ByteBuffer.wrap(s.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(4)).isEqualTo(0xFFFFFFFF);
        assertThat(header.getInt(40)).isEqualTo(0xFFFFFFFF);
        short[] streamed = wavSamples(s.body(), 16000);

        ApiClient.Response file =
                user.get("/api/v1/files/audio/" + done.get("file_id").asText());
        assertThat(file.status()).isEqualTo(200);
        short[] stored = wavSamples(file.body(), 16000);
        double streamedSeconds = streamed.length / 16000.0;
        assertThat(streamedSeconds).isCloseTo(stored.length / 16000.0, org.assertj.core.data.Offset.offset(0.005));
        assertThat(streamedSeconds)
                .isCloseTo(done.get("duration").asDouble(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(streamed).as("the same samples as the stored file").isEqualTo(stored);

        // Once the job is done the endpoint still works: the stored audio, here as raw PCM.
        Streamed pcm = stream(user, get("/api/v1/job/" + jobId + "/audio/stream?format=pcm"), null);
        assertThat(pcm.status()).isEqualTo(200);
        assertThat(pcm.header("Content-Type")).isEqualTo("audio/pcm;rate=16000");
        assertThat(pcmSamples(pcm.body())).isEqualTo(stored);
    }

    @Test
    void mp3StreamsAsItIsEncoded() throws Exception {
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(Map.of("text_content", LONG_TEXT, "output_format", "mp3", "sample_rate", 24000))
                .get("id")
                .asText();
        Streamed s = stream(user, get("/api/v1/job/" + jobId + "/audio/stream"), null);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.header("Content-Type")).isEqualTo("audio/mpeg");
        assertThat(s.body().length).isGreaterThan(4000);
        assertThat(s.body()[0] & 0xff).as("an MPEG frame sync").isEqualTo(0xff);
        assertThat(s.body()[1] & 0xe0).isEqualTo(0xe0);
    }

    @Test
    void oneCallCreatesTheJobStreamsItAndTheTrailShowsIt() throws Exception {
        ApiClient user = app.client().newUser();
        String requestId = "stream-" + UUID.randomUUID();
        Streamed s = stream(
                user,
                post(
                                "/api/v1/tts/stream?format=pcm",
                                Map.of(
                                        "text_content",
                                        "One call to speak. The audio comes back at once. Then the job is in the trail.",
                                        "sample_rate",
                                        22050))
                        .header("X-Request-Id", requestId),
                null);
        assertThat(s.status()).as(new String(s.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s.header("Content-Type")).isEqualTo("audio/pcm;rate=22050");
        String jobId = s.header("X-Voxify-Job-Id");
        assertThat(jobId).startsWith("job");

        JsonNode done = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        short[] stored = wavSamples(
                user.get("/api/v1/files/audio/" + done.get("file_id").asText()).body(), 22050);
        assertThat(pcmSamples(s.body())).isEqualTo(stored);

        ApiClient.Response trail = user.get("/api/v1/audit/jobs/" + jobId + "/events");
        assertThat(trail.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        trail.data().forEach(e -> types.add(e.get("type").asText()));
        assertThat(types.get(0)).isEqualTo("JobCreatedEvent");
        assertThat(types).contains("JobStartedEvent").last().isEqualTo("JobCompletedEvent");
        assertThat(trail.data().get(0).get("metadata").get("request_id").asText())
                .isEqualTo(requestId);

        // The same validation as POST /api/v1/job, in the envelope, and nothing is created.
        Streamed invalid = stream(user, post("/api/v1/tts/stream", Map.of("text_content", "")), null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("success").asBoolean()).isFalse();
        Streamed badFormat =
                stream(user, post("/api/v1/tts/stream?format=ogg", Map.of("text_content", "Hello.")), null);
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().path("error").path("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/job")
                        .json()
                        .path("meta")
                        .path("pagination")
                        .path("total_count")
                        .asInt())
                .as("only the streamed job exists")
                .isEqualTo(1);
    }

    @Test
    void refusalsComeInTheEnvelope() throws Exception {
        ApiClient owner = app.client().newUser();
        ApiClient stranger = app.client().newUser();
        String jobId =
                owner.createJob(Map.of("text_content", "Mine alone.")).get("id").asText();

        Streamed foreign = stream(stranger, get("/api/v1/job/" + jobId + "/audio/stream"), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("success").asBoolean()).isFalse();
        assertThat(foreign.json().path("error").path("code").asText()).isEqualTo("JOB_NOT_FOUND");

        Streamed unknown = stream(owner, get("/api/v1/job/" + jobId + "/audio/stream?format=ogg"), null);
        assertThat(unknown.status()).isEqualTo(400);
        JsonNode error = unknown.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.path("details").path("format").asText()).contains("wav", "pcm", "mp3");

        String doomed = owner.createJob(Map.of("text_content", LONG_TEXT + " " + LONG_TEXT))
                .get("id")
                .asText();
        ApiClient.Response cancelled = owner.patch("/api/v1/job/" + doomed, Map.of("status", "cancelled"));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        Streamed refused = stream(owner, get("/api/v1/job/" + doomed + "/audio/stream"), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("CONFLICT");
        assertThat(refused.json().path("error").path("details").path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void aJobCancelledWhileTheReaderWaitsIsRefusedInTheEnvelope() throws Exception {
        ApiClient user = app.client().newUser();
        // The test application has one worker: a long job keeps the next one pending.
        String busy = user.createJob(Map.of("text_content", LONG_TEXT + " " + LONG_TEXT + " " + LONG_TEXT))
                .get("id")
                .asText();
        String waiting = user.createJob(Map.of("text_content", "I never get to speak."))
                .get("id")
                .asText();
        try {
            var reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream(user, get("/api/v1/job/" + waiting + "/audio/stream"), null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ApiClient.sleep(300);
            assertThat(user.get("/api/v1/job/" + waiting).data().get("status").asText())
                    .isEqualTo("pending");
            assertThat(user.patch("/api/v1/job/" + waiting, Map.of("status", "cancelled"))
                            .status())
                    .isEqualTo(200);
            Streamed refused = reader.get(30, TimeUnit.SECONDS);
            assertThat(refused.status())
                    .as(new String(refused.body(), StandardCharsets.UTF_8))
                    .isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith("application/json");
            assertThat(refused.json().path("error").path("code").asText()).isEqualTo("CONFLICT");
        } finally {
            user.patch("/api/v1/job/" + busy, Map.of("status", "cancelled"));
        }
    }

    /**
     * A stream whose end never comes (the relay lost it after the last chunk) does not hold its reader: once the
     * job is over, the reader finishes from the stored file where the stream stopped, so the audio is whole.
     */
    @Test
    void aStreamWhoseEndWasLostFinishesFromTheStoredFile() throws Exception {
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(Map.of(
                        "text_content", "Half of me was relayed. The rest comes from the file.", "sample_rate", 16000))
                .get("id")
                .asText();
        JsonNode done = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        byte[] stored =
                user.get("/api/v1/files/audio/" + done.get("file_id").asText()).body();
        byte[] pcm = Arrays.copyOfRange(stored, 44, stored.length);

        // A later attempt's stream with the first half of the audio and no end, as a relay that failed would leave it.
        io.voxify.infrastructure.relay.AudioRelay.Sink orphan = app.bean(
                        io.voxify.infrastructure.relay.memory.AudioStreams.class)
                .open(jobId, 99, 16000);
        int half = (pcm.length / 4) * 2;
        orphan.publish(Arrays.copyOfRange(pcm, 0, half));
        Streamed s = stream(user, get("/api/v1/job/" + jobId + "/audio/stream?format=pcm"), null);
        assertThat(s.status()).isEqualTo(200);
        assertThat(pcmSamples(s.body()))
                .as("half from the stream, the rest from the file")
                .isEqualTo(pcmSamples(pcm));
        orphan.end(io.voxify.infrastructure.relay.AudioRelay.End.FAILED);
    }
}
