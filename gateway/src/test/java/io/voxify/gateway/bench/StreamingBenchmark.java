package io.voxify.gateway.bench;

import static io.voxify.gateway.bench.BenchReport.fixed;
import static io.voxify.gateway.bench.BenchReport.percentile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.support.ScaleOutCluster;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, streaming audio: how much sooner playback can start when the audio is streamed sentence by
 * sentence ({@code POST /api/v1/tts/stream}) than when a client creates the job, follows it to the end and
 * downloads the file. The application is a JVM of its own on the embedded default, then an API node and a
 * worker node on the infra profile (the audio relayed through Redis). Writes section
 * {@code 80-streaming}; {@code make bench BENCH=StreamingBenchmark}. Development runs:
 * {@code -Dvoxify.bench.streaming.runs=3}.
 */
@Tag("bench")
class StreamingBenchmark {
    private static final int RUNS = Integer.getInteger("voxify.bench.streaming.runs", 7);
    private static final int WARM_UP = 3;
    private static final int[] SENTENCES = {1, 5, 20};
    /** Ten to fifteen words each, varied so that no two sentences in a text are alike. */
    private static final String[] SENTENCE = {
        "The quick brown fox jumps over the lazy dog near the river bank.",
        "Seven bright stars shine above the quiet northern harbour tonight.",
        "A gentle breeze carries the scent of pine across the valley floor.",
        "Old sailors tell stories of storms that lasted for many long days.",
        "The library opens early on weekdays and closes late on Fridays.",
    };

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Path OUT = Path.of("target", "streaming-bench").toAbsolutePath();

    private final HttpClient http = HttpClient.newHttpClient();

    static String text(int sentences) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            b.append(i == 0 ? "" : " ").append(SENTENCE[i % SENTENCE.length]);
        }
        return b.toString();
    }

    private record Streamed(String jobId, double firstAudioSeconds, double lastByteSeconds, int bytes) {}

    private record Whole(double seconds, int bytes, double audioSeconds) {}

    @Test
    void timeToFirstAudioAgainstTimeToTheWholeFile() throws Exception {
        String loadAtStart = BenchReport.machineLoad();
        Path data = RunningApp.tempDir("voxify-streaming-bench-");
        Map<String, String> properties = Map.of(
                "voxify.limits.requests-per-minute", "1000000",
                "voxify.limits.syntheses-per-day", "1000000",
                "voxify.limits.login-attempts-per-address", "1000000");
        List<List<Object>> rows;
        try (AppProcess app = AppProcess.launch("streaming", data.resolve("node"), OUT, List.of(), properties)
                .awaitReady()) {
            rows = measure(app, app.client().newUser());
        }
        // Two nodes on the infra profile: the API node streams what the worker node relays through Redis.
        List<List<Object>> relayed;
        try (ScaleOutCluster cluster = ScaleOutCluster.start(List.of())) {
            AppProcess api = cluster.start("api", ScaleOutCluster.API);
            cluster.start("worker", ScaleOutCluster.WORKER);
            relayed = measure(api, api.client().newUser());
        }
        StringBuilder md = new StringBuilder();
        md.append("## Streaming audio: time to first audio against time to the whole file\n\n");
        md.append("**What runs.** The application as a JVM of its own (one worker thread,"
                        + " the default voice `flite:slt`, WAV at 22,050 Hz), one client on the same machine. For texts of"
                        + " 1, 5 and 20 sentences (10–13 words each), ")
                .append(RUNS)
                .append(" runs each after ")
                .append(WARM_UP)
                .append(" warm-up rounds, the two ways interleaved:\n\n");
        md.append("- *streamed*: `POST /api/v1/tts/stream`, timed from sending the request to the first byte of"
                + " audio after the 44-byte WAV header (*first audio*) and to the end of the body (*stream end*);\n");
        md.append("- *whole file* (the baseline): `POST /api/v1/job`, then the job's progress over SSE to its"
                + " end, then `GET /api/v1/files/audio/{id}`, timed from sending the job to the last byte of the"
                + " file.\n\n");
        md.append("A streamed body has as many bytes as its job's stored file (checked in every run). Medians in"
                + " milliseconds; *ratio* is first audio / whole file.\n\n");
        List<String> header =
                List.of("sentences", "audio (s)", "first audio (ms)", "stream end (ms)", "whole file (ms)", "ratio");
        md.append("**One node** (the embedded default; the worker hands chunks over in memory):\n\n");
        md.append(BenchReport.table(header, rows));
        md.append("\n**Two nodes** (the infra profile: an API node and a worker node, JVMs of their own, with"
                + " PostgreSQL, RabbitMQ, Redis and an S3 server on loopback; the worker relays each sentence"
                + " through a Redis stream and the API node follows it with a blocking `XREAD`; the same runs"
                + " against the API node):\n\n");
        md.append(BenchReport.table(header, relayed));
        md.append('\n');
        md.append("**What it means.** Playback of a streamed job can start once its first sentence is synthesised"
                        + " and post-processed, so the time to first audio stays about that of a one-sentence job while"
                        + " the whole file grows with the text; the longer the text the smaller the ratio. The stream ends"
                        + " about when the file would be ready (its last sentence is the last thing made). Across nodes"
                        + " every step costs more (the job crosses RabbitMQ, progress and the file cross PostgreSQL and S3;"
                        + " a node sees another node's events at its next look, every `voxify.events.poll-interval`, 100 ms"
                        + " in the infra profile), and streaming saves more of it. Load: ")
                .append(loadAtStart)
                .append(" at the start, ")
                .append(BenchReport.machineLoad())
                .append(" at the end.\n");
        BenchReport.section("80-streaming", md.toString());
    }

    /** For each text size: medians of streamed and whole-file runs, interleaved, on {@code app}. */
    private List<List<Object>> measure(AppProcess app, ApiClient user) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (int n : SENTENCES) {
            for (int i = 0; i < WARM_UP; i++) {
                stream(app, user, text(n));
                whole(user, text(n));
            }
            List<Double> first = new ArrayList<>();
            List<Double> streamEnd = new ArrayList<>();
            List<Double> file = new ArrayList<>();
            double audio = 0;
            for (int i = 0; i < RUNS; i++) {
                // Interleaved, so that both ways share the machine's state alike.
                Streamed s = stream(app, user, text(n));
                Whole w = whole(user, text(n));
                assertThat(s.bytes()).as("streamed WAV against its job's file").isEqualTo(storedBytes(user, s.jobId()));
                first.add(s.firstAudioSeconds());
                streamEnd.add(s.lastByteSeconds());
                file.add(w.seconds());
                audio = w.audioSeconds();
            }
            double f = percentile(first, 50);
            double whole = percentile(file, 50);
            rows.add(List.of(
                    n,
                    fixed(audio, 1),
                    fixed(f * 1000, 0),
                    fixed(percentile(streamEnd, 50) * 1000, 0),
                    fixed(whole * 1000, 0),
                    fixed(f / whole, 2)));
        }
        return rows;
    }

    private Streamed stream(AppProcess app, ApiClient user, String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/tts/stream?format=wav"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(
                        ApiClient.JSON.writeValueAsString(Map.of("text_content", text))))
                .build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long first = -1;
        int total = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (first < 0 && total > 44) {
                    first = System.nanoTime();
                }
            }
        }
        long end = System.nanoTime();
        return new Streamed(
                r.headers().firstValue("X-Voxify-Job-Id").orElseThrow(),
                (first - sent) / 1e9,
                (end - sent) / 1e9,
                total);
    }

    /** The size of the job's stored file (its WAV: the streamed body has the same length). */
    private static long storedBytes(ApiClient user, String jobId) {
        JsonNode job = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), TIMEOUT);
        return user.get("/api/v1/files/" + job.get("file_id").asText() + "/info")
                .data()
                .get("size")
                .asLong();
    }

    private Whole whole(ApiClient user, String text) {
        long sent = System.nanoTime();
        String jobId = user.createJob(Map.of("text_content", text)).get("id").asText();
        ApiClient.SseCapture progress = user.progress(jobId, TIMEOUT);
        assertThat(progress.status()).isEqualTo(200);
        JsonNode job = user.get("/api/v1/job/" + jobId).data();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        ApiClient.Response file =
                user.get("/api/v1/files/audio/" + job.get("file_id").asText());
        assertThat(file.status()).isEqualTo(200);
        long end = System.nanoTime();
        return new Whole(
                (end - sent) / 1e9, file.body().length, job.get("duration").asDouble());
    }
}
