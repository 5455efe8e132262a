package io.voxify.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SSE progress streams at scale (BENCHMARKS.md section 50-sse): 2,000 concurrent
 * {@code GET /api/v1/job/{id}/progress} streams held by one Java client, spread over 20 users and
 * 40 jobs (50 streams a job). The server is a JVM of its own ({@link AppProcess}, the embedded
 * default, one synthesis worker thread). Measured: the server's live heap (after a full collection)
 * with every stream open minus the same before any was opened, per stream; and the delay from a
 * progress event (its time as the job view stamps it, {@code updated_at}) to the client reading
 * it, over every event after a stream's first. Not part of {@code make test}; run it with
 * {@code make bench BENCH=SseBenchmark}.
 */
@Tag("bench")
class SseBenchmark {
    private static final int STREAMS = Integer.getInteger("voxify.bench.sse.streams", 2000);
    private static final int USERS = 20;
    private static final int JOBS_PER_USER = 2;
    private static final int OPENING_AT_ONCE = 64;
    /** Short jobs that keep the single worker busy while the streams open, so the target jobs wait pending. */
    private static final String FILLER_TEXT = "A filler job keeps the worker busy. It has a few sentences. "
            + "Each one takes the engine a moment. The worker speaks them in turn. Then it stores the audio. "
            + "And the next filler begins.";

    private static final String TARGET_TEXT = "The first sentence of a progress benchmark job. The second one "
            + "follows it. Here comes a third. A fourth sentence adds a step. The fifth ends it.";

    @Test
    void twoThousandProgressStreams() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench-sse").toAbsolutePath());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("voxify.security.admin-email", RunningApp.ADMIN_EMAIL);
        properties.put("voxify.security.admin-password", RunningApp.ADMIN_PASSWORD);
        properties.put("voxify.security.access-token-ttl", "PT1H");
        properties.put("voxify.limits.requests-per-minute", "100000000");
        properties.put("voxify.limits.syntheses-per-day", "1000000");
        properties.put("voxify.limits.login-attempts-per-address", "1000000");
        properties.put("voxify.synthesis.worker-threads", "1");
        try (AppProcess app = AppProcess.launch(
                        "sse", RunningApp.tempDir("voxify-bench-sse-"), work, List.of(), properties)
                .awaitReady()) {
            ApiClient anonymous = app.client();
            ApiClient filler = anonymous.newUser();

            // How long one filler job takes on the worker now (the machine is shared): the queue is sized from it.
            double fillerSeconds = timeFillers(filler, 6);
            // A small warm-up of the stream path itself, so JIT compilation is not what the first streams meet.
            warmUp(app, filler);

            List<ApiClient> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(anonymous.newUser());
            }
            Map<String, Long> idle = BenchProbe.liveHeap(app.pid());

            int fillers =
                    (int) Math.min(2500, Math.ceil(Integer.getInteger("voxify.bench.sse.hold", 240) / fillerSeconds));
            List<String> fillerIds = new ArrayList<>();
            for (int i = 0; i < fillers; i++) {
                fillerIds.add(filler.createJob(Map.of("text_content", FILLER_TEXT))
                        .get("id")
                        .asText());
            }
            List<Job> jobs = new ArrayList<>();
            for (ApiClient user : users) {
                for (int j = 0; j < JOBS_PER_USER; j++) {
                    jobs.add(new Job(
                            user.createJob(Map.of("text_content", TARGET_TEXT))
                                    .get("id")
                                    .asText(),
                            user.token()));
                }
            }

            ExecutorService clientThreads = Executors.newFixedThreadPool(4);
            List<HttpClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(HttpClient.newBuilder()
                        .executor(clientThreads)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build());
            }
            List<Stream> streams = new ArrayList<>();
            Semaphore opening = new Semaphore(OPENING_AT_ONCE);
            long openStarted = System.nanoTime();
            for (int s = 0; s < STREAMS; s++) {
                Job job = jobs.get(s % jobs.size());
                Stream stream = new Stream(job.id());
                streams.add(stream);
                // A stream that never answers gives its slot back after a while rather than never.
                opening.tryAcquire(30, TimeUnit.SECONDS);
                stream.open(clients.get(s % clients.size()), app.baseUrl(), job.token());
                stream.firstEvent.whenComplete((ok, e) -> opening.release());
            }
            long openDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            for (Stream s : streams) {
                awaitQuietly(s.firstEvent, openDeadline);
            }
            long opened = streams.stream()
                    .filter(s -> s.firstEvent.isDone() && !s.firstEvent.isCompletedExceptionally())
                    .count();
            double openSeconds = (System.nanoTime() - openStarted) / 1e9;
            long stillPending = jobs.stream().filter(j -> !j.final_(streams)).count();
            long openAtMeasure = streams.stream().filter(s -> !s.ended()).count();
            Map<String, Long> loaded = BenchProbe.liveHeap(app.pid());
            long openAfterMeasure = streams.stream().filter(s -> !s.ended()).count();

            // Release the worker: the remaining fillers are cancelled, and the target jobs run.
            Instant released = Instant.now();
            ExecutorService cancelling = Executors.newFixedThreadPool(8);
            List<CompletableFuture<?>> cancels = new ArrayList<>();
            for (String id : fillerIds) {
                cancels.add(CompletableFuture.runAsync(
                        () -> filler.patch("/api/v1/job/" + id, Map.of("status", "cancelled")), cancelling));
            }
            CompletableFuture.allOf(cancels.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            cancelling.shutdown();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            for (Stream s : streams) {
                awaitQuietly(s.done, deadline);
            }
            double drainSeconds = Duration.between(released, Instant.now()).toMillis() / 1000.0;
            clientThreads.shutdownNow();

            List<Long> delays = new ArrayList<>();
            int completeEvents = 0;
            for (Stream s : streams) {
                delays.addAll(s.delays);
                completeEvents += s.sawComplete ? 1 : 0;
            }
            BenchReport.section(
                    "50-sse",
                    report(
                            idle,
                            loaded,
                            opened,
                            openAtMeasure,
                            openAfterMeasure,
                            stillPending,
                            jobs.size(),
                            openSeconds,
                            fillerSeconds,
                            fillers,
                            drainSeconds,
                            delays,
                            completeEvents,
                            streams));
            assertThat(opened).as("streams that received their first event").isEqualTo(STREAMS);
            assertThat(streams)
                    .allSatisfy(s -> assertThat(s.status).as("stream status").isEqualTo(200));
            assertThat(completeEvents)
                    .as("streams that received the final complete event")
                    .isEqualTo(STREAMS);
            assertThat(delays).as("progress events after the streams' first").isNotEmpty();
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future, long deadlineNanos) {
        try {
            future.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception notInTime) {
            // counted by the caller
        }
    }

    private record Job(String id, String token) {
        boolean final_(List<Stream> streams) {
            return streams.stream().anyMatch(s -> s.jobId.equals(id) && s.ended());
        }
    }

    /** One SSE stream read line by line; it records when each data line arrived. */
    static final class Stream implements Flow.Subscriber<String> {
        final String jobId;
        final CompletableFuture<Void> firstEvent = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        volatile int status;
        volatile boolean sawComplete;
        private final AtomicInteger events = new AtomicInteger();

        Stream(String jobId) {
            this.jobId = jobId;
        }

        void open(HttpClient client, String base, String token) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/job/" + jobId + "/progress"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this))
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            firstEvent.completeExceptionally(e);
                            done.completeExceptionally(e);
                        } else {
                            status = r.statusCode();
                            firstEvent.complete(null);
                            done.complete(null);
                        }
                    });
        }

        boolean ended() {
            return done.isDone();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long received = System.currentTimeMillis();
            if (!line.startsWith("data:")) {
                return;
            }
            JsonNode data;
            try {
                data = ApiClient.JSON.readTree(line.substring(5).trim());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(line, e);
            }
            if (events.incrementAndGet() > 1 && data.hasNonNull("updated_at")) {
                delays.add(received
                        - Instant.parse(data.get("updated_at").asText()).toEpochMilli());
            }
            if ("complete".equals(data.path("event").asText())) {
                sawComplete = true;
            }
            firstEvent.complete(null);
        }

        @Override
        public void onError(Throwable throwable) {
            firstEvent.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            firstEvent.complete(null);
        }
    }

    /** Runs {@code count} filler jobs one after the other on the single worker; seconds per job. */
    private static double timeFillers(ApiClient user, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(user.createJob(Map.of("text_content", FILLER_TEXT))
                    .get("id")
                    .asText());
        }
        Instant first = null;
        Instant last = null;
        for (String id : ids) {
            JsonNode job = user.awaitJob(
                    id,
                    j -> j.get("status").asText().equals("completed")
                            || j.get("status").asText().equals("failed"),
                    Duration.ofMinutes(2));
            assertThat(job.get("status").asText()).isEqualTo("completed");
            Instant started = Instant.parse(job.get("started_at").asText());
            Instant completed = Instant.parse(job.get("completed_at").asText());
            first = first == null || started.isBefore(first) ? started : first;
            last = last == null || completed.isAfter(last) ? completed : last;
        }
        return Math.max(0.05, Duration.between(first, last).toMillis() / 1000.0 / count);
    }

    private static void warmUp(AppProcess app, ApiClient user) {
        for (int i = 0; i < 20; i++) {
            String id = user.createJob(Map.of("text_content", FILLER_TEXT))
                    .get("id")
                    .asText();
            ApiClient.SseCapture capture = user.progress(id, Duration.ofMinutes(1));
            assertThat(capture.status()).isEqualTo(200);
        }
    }

    private static String report(
            Map<String, Long> idle,
            Map<String, Long> loaded,
            long opened,
            long openAtMeasure,
            long openAfterMeasure,
            long stillPending,
            int jobCount,
            double openSeconds,
            double fillerSeconds,
            int fillers,
            double drainSeconds,
            List<Long> delays,
            int completeEvents,
            List<Stream> streams) {
        long open = Math.min(openAtMeasure, openAfterMeasure);
        long grown = loaded.get("*total*") - idle.get("*total*");
        double perStreamKb = grown / 1024.0 / Math.max(1, open);
        double projectedMb = perStreamKb * 2000 / 1024.0;
        List<List<?>> rows = List.of(
                List.of(
                        "live heap, no stream open (baseline)",
                        BenchReport.fixed(idle.get("*total*") / 1048576.0, 1) + " MB",
                        "1.00"),
                List.of(
                        "live heap, " + open + " streams open",
                        BenchReport.fixed(loaded.get("*total*") / 1048576.0, 1) + " MB",
                        BenchReport.fixed(loaded.get("*total*") / (double) idle.get("*total*"), 2)),
                List.of("growth per open stream", BenchReport.fixed(perStreamKb, 1) + " KB", ""),
                List.of(
                        "stream delay p50 / p99 / max",
                        BenchReport.fixed(BenchReport.percentile(delays, 50), 0) + " / "
                                + BenchReport.fixed(BenchReport.percentile(delays, 99), 0) + " / "
                                + BenchReport.fixed(BenchReport.percentile(delays, 100), 0) + " ms",
                        ""));
        long arrays = 0;
        long tomcat = 0;
        for (Map.Entry<String, Long> e : loaded.entrySet()) {
            long growth = e.getValue() - idle.getOrDefault(e.getKey(), 0L);
            if (e.getKey().equals("[B") || e.getKey().equals("[C")) {
                arrays += growth;
            } else if (e.getKey().startsWith("org.apache.")) {
                tomcat += growth;
            }
        }
        double projectedTotalMb = idle.get("*total*") / 1048576.0 + projectedMb;
        StringBuilder classes = new StringBuilder();
        BenchProbe.grownClasses(idle, loaded, 10)
                .forEach(e -> classes.append("- `")
                        .append(e.getKey())
                        .append("`: ")
                        .append(BenchReport.fixed(e.getValue() / 1024.0 / Math.max(1, open), 2))
                        .append(" KB per stream\n"));
        return """
                ## SSE: 2,000 concurrent progress streams

                **What runs.** The application as its own JVM on 127.0.0.1 (the embedded default, one \
                synthesis worker thread, heartbeat and stream timeout at their defaults). %d users each \
                create %d jobs; one Java client (`java.net.http`, asynchronous, a line subscriber per \
                stream) opens %d streams of `GET /api/v1/job/{id}/progress`, %d at a time, spread evenly \
                over the %d jobs. While they open, %d short filler jobs (%s s each on the worker, measured \
                just before) keep the worker busy, so the target jobs wait pending; then the fillers still \
                queued are cancelled and the %d target jobs run one after the other, each sending its \
                progress steps to its %d streams.

                **What is measured.** Memory: the server's live heap (`jcmd <pid> GC.class_histogram`, \
                which collects fully first) after the users signed in and before the first stream, against \
                the same with the streams open; the difference is divided by the streams still open at the \
                measurement. Delay: for every event after a stream's first (the first is the state at \
                subscription), the client's clock when it read the `data:` line minus the event's \
                `updated_at` (the job event's time, as the job view carries it), same machine clock, \
                millisecond resolution. It covers the command's commit, the job projection's tracking \
                processor, the subscription query update, the SSE writer and loopback TCP.

                **Command.** `make bench BENCH=SseBenchmark`. This run: %s; %d of %d streams received their \
                first event, after %s s; \
                %d of %d target jobs were still pending at the heap measurement, %d streams open; after \
                release every stream ended within %s s.

                %s
                Classes whose live bytes grew most, per open stream:

                %s
                **Reading.** %d of %d streams received their final `complete` event (%d delay samples). \
                The heap growth per stream is what one held-open progress stream costs the server; at that \
                rate 2,000 streams take %s MB of heap above the idle server, %s MB in all. Of the growth per \
                stream, %s KB are byte and char arrays and %s KB other Tomcat objects: an open stream is an \
                HTTP/1.1 connection in asynchronous mode, and Tomcat 10.1 keeps each such connection's \
                buffers for as long as it is open: the socket's read and write buffers (4 KB each, as \
                `TomcatConfiguration` sets them; Tomcat's default is 8 KB), the HTTP input buffer (request \
                header limit plus read buffer, 12 KB), the response header buffer (8 KB), and the servlet \
                layer's response byte buffer (8 KB) and request and response char buffers (8 K chars, 16 KB, \
                each), about 68 KB before a byte of the stream is written. \
                Voxify's own share (the emitter, the subscription query and its update buffer, the reactive \
                chain, the heartbeat task, the request's attributes) is the remainder, a few KB.

                **Target** (2,000 SSE streams in under 300 MB of heap): %s.
                """.formatted(
                USERS,
                JOBS_PER_USER,
                streams.size(),
                OPENING_AT_ONCE,
                jobCount,
                fillers,
                BenchReport.fixed(fillerSeconds, 2),
                jobCount,
                streams.size() / jobCount,
                BenchReport.machineLoad(),
                opened,
                streams.size(),
                BenchReport.fixed(openSeconds, 1),
                stillPending,
                jobCount,
                open,
                BenchReport.fixed(drainSeconds, 1),
                BenchReport.table(List.of("measure", "value", "ratio to baseline"), rows),
                classes,
                completeEvents,
                streams.size(),
                delays.size(),
                BenchReport.fixed(projectedMb, 1),
                BenchReport.fixed(projectedTotalMb, 1),
                BenchReport.fixed(arrays / 1024.0 / Math.max(1, open), 1),
                BenchReport.fixed(tomcat / 1024.0 / Math.max(1, open), 1),
                projectedTotalMb < 300
                        ? "met (" + BenchReport.fixed(projectedTotalMb, 1) + " MB of live heap for 2,000 streams)"
                        : "not met (" + BenchReport.fixed(projectedTotalMb, 1) + " MB of live heap for 2,000 streams; "
                                + BenchReport.fixed(arrays / 1048576.0 / Math.max(1, open) * 2000, 1)
                                + " MB of it byte and char arrays, mostly Tomcat's per-connection buffers; see the reading)");
    }
}
