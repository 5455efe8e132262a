package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.stream.AudioStreamTest;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.LocalServer;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.support.ScaleOutCluster;
import io.voxify.gateway.support.SseRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Scale-out on loopback: two API nodes and two worker nodes, each a JVM of its own, sharing
 * PostgreSQL, Redis, RabbitMQ, S3 and Chroma. Work taken by one API node is done by either
 * worker; the other API node streams its progress and its audio; the rate limit is one budget across API
 * nodes; Redis and RabbitMQ restarts are ridden out without restarting a node; a worker killed
 * with SIGKILL mid-job loses nothing. The tests run in order: the broker restart comes before
 * the kill, so the worker that survives the kill must also have survived the restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {
    private static final Duration DONE = Duration.ofMinutes(3);
    private static final String CONFIG = "/api/v1/admin/config";

    private ScaleOutCluster cluster;
    private AppProcess api1;
    private AppProcess api2;
    private AppProcess worker1;
    private AppProcess worker2;

    /** A failure shows what each node logged last. */
    @RegisterExtension
    final TestWatcher nodeLogs = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.out.println("Node logs after " + context.getDisplayName() + ":" + cluster.logTails());
            }
        }
    };

    @BeforeAll
    void start() {
        // C1 only: the four JVMs start and settle sooner on two shared cores; throughput is not measured here.
        cluster = ScaleOutCluster.start(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        try {
            // The first node creates the schema and the administrator; the others then start side by side.
            api1 = cluster.start("api-1", ScaleOutCluster.API);
            List<AppProcess> rest = cluster.startAll(new LinkedHashMap<>(Map.of(
                    "api-2", ScaleOutCluster.API,
                    "worker-1", ScaleOutCluster.WORKER,
                    "worker-2", ScaleOutCluster.WORKER)));
            api2 = node(rest, "api-2");
            worker1 = node(rest, "worker-1");
            worker2 = node(rest, "worker-2");
        } catch (RuntimeException | Error e) {
            System.out.println("Cluster start failed:" + cluster.logTails());
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void jobsTakenByOneApiNodeAreDoneByBothWorkers() {
        ApiClient user = api1.client().newUser();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(user.createJob(Map.of(
                            "text_content",
                            sentences("Batch job " + (i + 1), 4),
                            "voice_model_id",
                            "default_voice_001"))
                    .get("id")
                    .asText());
        }
        ApiClient sameUserOnApi2 = api2.client().withToken(user.token());
        Set<AppProcess> workers = new LinkedHashSet<>();
        for (String jobId : jobs) {
            JsonNode job = awaitFinal(user, jobId);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
            for (JsonNode started : events(history(user, jobId), "JobStartedEvent")) {
                workers.add(workerNode(started.get("payload").get("worker_id").asText()));
            }
            ApiClient.Response seenOnApi2 = sameUserOnApi2.get("/api/v1/job/" + jobId);
            assertThat(seenOnApi2.status())
                    .as("a token of API node 1 is good on API node 2")
                    .isEqualTo(200);
            assertThat(seenOnApi2.data().get("status").asText()).isEqualTo("completed");
        }
        assertThat(workers).as("the workers that ran the batch").containsExactlyInAnyOrder(worker1, worker2);

        ApiClient.Response onWorker = worker1.client().withToken(user.token()).get("/api/v1/job");
        assertThat(onWorker.status()).as(onWorker.text()).isEqualTo(404);
        assertThat(onWorker.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(worker1.client().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    /**
     * A job created on one API node, synthesised by a worker node, streams from the other API node while it
     * is still synthesising, and the stream is the stored file: the worker relays each sentence through
     * Redis (no API node runs a worker, so nothing could come from a local registry).
     */
    @Test
    @Order(2)
    void aJobStreamsFromAnApiNodeWhileAWorkerNodeSynthesisesIt() throws Exception {
        ApiClient user = api2.client().newUser();
        String jobId = user.createJob(Map.of(
                        "text_content",
                        sentences("Relayed job", 40),
                        "voice_model_id",
                        "default_voice_001",
                        "sample_rate",
                        16000))
                .get("id")
                .asText();
        ApiClient onApi1 = api1.client().withToken(user.token());
        List<String> statusAtFirstBytes = new ArrayList<>();
        AudioStreamTest.Streamed streamed = AudioStreamTest.stream(
                HttpClient.newHttpClient(),
                onApi1,
                HttpRequest.newBuilder(URI.create(api1.baseUrl() + "/api/v1/job/" + jobId + "/audio/stream"))
                        .GET(),
                () -> statusAtFirstBytes.add(
                        onApi1.get("/api/v1/job/" + jobId).data().get("status").asText()));
        assertThat(streamed.status())
                .as(new String(streamed.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);

        JsonNode done = awaitFinal(user, jobId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(statusAtFirstBytes)
                .as("[needs the Redis audio relay] the job was still synthesising on the"
                        + " worker node when the first audio reached API node 1")
                .singleElement()
                .isIn("pending", "processing");
        assertThat(streamed.firstBytesAt())
                .isBefore(Instant.parse(done.get("completed_at").asText()));

        ApiClient.Response file =
                onApi1.get("/api/v1/files/audio/" + done.get("file_id").asText());
        assertThat(file.status()).isEqualTo(200);
        assertThat(AudioStreamTest.wavSamples(streamed.body(), 16000))
                .as("the same samples as the stored file")
                .isEqualTo(AudioStreamTest.wavSamples(file.body(), 16000));
    }

    /**
     * Every progress step the job recorded (its JobProgressedEvents in the audit trail) reaches an
     * SSE client on the API node that did not take the job, in order, then the end marker.
     * This needs the job view updates to reach every API node (the Redis fan-out): without it,
     * a node whose projection is not the one handling the job's events hears no updates at all.
     */
    @Test
    @Order(3)
    void everyProgressStepReachesAnSseClientOnTheOtherApiNode() {
        ApiClient user = api1.client().newUser();
        String jobId = user.createJob(
                        Map.of("text_content", sentences("Streamed job", 40), "voice_model_id", "default_voice_001"))
                .get("id")
                .asText();
        try (SseRecorder stream =
                new SseRecorder(api2.baseUrl() + "/api/v1/job/" + jobId + "/progress", user.token())) {
            assertThat(stream.await(e -> true, Duration.ofSeconds(30)))
                    .as("the stream's first state")
                    .isTrue();
            JsonNode first = stream.events().get(0);
            JsonNode job = awaitFinal(user, jobId);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");

            List<Double> recorded = new ArrayList<>();
            for (JsonNode progressed : events(history(user, jobId), "JobProgressedEvent")) {
                double progress = progressed.get("payload").get("progress").asDouble();
                if (progress > first.get("progress").asDouble()) {
                    recorded.add(progress);
                }
            }
            assertThat(first.get("status").asText())
                    .as("the stream opened before the job finished: " + first)
                    .isIn("pending", "processing");
            assertThat(recorded).as("progress steps after the stream opened").hasSizeGreaterThanOrEqualTo(10);

            // FAN-OUT: everything below needs the job view updates of every node on API node 2.
            boolean ended = stream.await(e -> e.has("event"), Duration.ofSeconds(30));
            List<Double> streamed = stream.events().stream()
                    .filter(e -> e.has("progress"))
                    .map(e -> e.get("progress").asDouble())
                    .toList();
            assertThat(streamed)
                    .as("[needs the Redis fan-out of job view updates] progress streamed by API node 2"
                            + " (first state " + first + ")")
                    .containsSubsequence(recorded);
            assertThat(ended).as("the stream ended: " + stream.events()).isTrue();
            List<JsonNode> events = stream.events();
            assertThat(events.get(events.size() - 2).get("status").asText()).isEqualTo("completed");
            assertThat(events.get(events.size() - 1).get("event").asText()).isEqualTo("complete");
        }
    }

    @Test
    @Order(4)
    void bothApiNodesDrawOnOneRateLimit() {
        int limit = 10;
        ApiClient admin = api1.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient user = api1.client().newUser();
        ApiClient probe = api2.client().withToken(api1.client().newUser().token());
        Map<String, Object> original = Map.of(
                "requests_per_minute",
                admin.get(CONFIG).data().get("requests_per_minute").asInt());
        try {
            ApiClient.Response changed = admin.put(CONFIG, Map.of("requests_per_minute", limit));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            awaitLimitOn(probe, limit);

            List<ApiClient> nodes = List.of(user, api2.client().withToken(user.token()));
            for (int i = 0; i < limit; i++) {
                ApiClient.Response r = nodes.get(i % 2).get("/api/v1/auth/profile");
                assertThat(r.status())
                        .as("request " + (i + 1) + " (API node " + (i % 2 + 1) + ")")
                        .isEqualTo(200);
                assertThat(r.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(limit));
                assertThat(r.header("X-RateLimit-Remaining"))
                        .as("one budget, counted down by both nodes")
                        .isEqualTo(Integer.toString(limit - i - 1));
            }
            for (int i = 0; i < 4; i++) {
                ApiClient.Response r = nodes.get(i % 2).get("/api/v1/auth/profile");
                assertThat(r.status())
                        .as("over the limit on API node " + (i % 2 + 1) + ": " + r.text())
                        .isEqualTo(429);
                assertThat(r.errorCode()).isEqualTo("RATE_LIMITED");
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(limit));
                assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("0");
            }
        } finally {
            ApiClient.Response restored = admin.put(CONFIG, original);
            assertThat(restored.status()).as(restored.text()).isEqualTo(200);
            awaitLimitOn(probe, (Integer) original.get("requests_per_minute"));
        }
    }

    @Test
    @Order(5)
    void whileRedisRestartsTheApiAnswers503AndThenRecoversByItself() {
        ApiClient user = api1.client().newUser();
        List<ApiClient> onBothNodes = List.of(user, api2.client().withToken(user.token()));
        LocalServer redis = cluster.redis();
        redis.stop();
        try {
            for (ApiClient node : onBothNodes) {
                ApiClient.Response down = awaitStatus(node, 503, Duration.ofSeconds(30));
                assertThat(down.errorCode()).as(down.text()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(down.json().get("success").asBoolean()).isFalse();
                assertThat(down.header("Retry-After")).isNotBlank();
            }
            for (ApiClient node : onBothNodes) {
                ApiClient.Response again = node.get("/api/v1/job");
                assertThat(again.status()).as("still down: " + again.text()).isEqualTo(503);
            }
            ApiClient.Response signIn = api2.client()
                    .post(
                            "/api/v1/auth/login",
                            Map.of("email", RunningApp.ADMIN_EMAIL, "password", RunningApp.ADMIN_PASSWORD));
            assertThat(signIn.status()).as(signIn.text()).isEqualTo(503);
        } finally {
            redis.start();
        }
        for (ApiClient node : onBothNodes) {
            awaitStatus(node, 200, Duration.ofSeconds(60));
        }
        ApiClient.Response session = api1.client()
                .post(
                        "/api/v1/auth/login",
                        Map.of("email", RunningApp.ADMIN_EMAIL, "password", RunningApp.ADMIN_PASSWORD));
        assertThat(session.status())
                .as("refresh tokens are stored in Redis again: " + session.text())
                .isEqualTo(200);
        ApiClient.Response refreshed = api2.client()
                .post(
                        "/api/v1/auth/refresh",
                        Map.of(
                                "refresh_token",
                                session.data().get("refresh_token").asText()));
        assertThat(refreshed.status())
                .as("a refresh token issued by node 1 rotates on node 2: " + refreshed.text())
                .isEqualTo(200);
    }

    @Test
    @Order(6)
    void jobsAcceptedWhileRabbitmqRestartsAreAllDoneAfterwards() {
        ApiClient user = api1.client().newUser();
        LocalServer rabbitmq = cluster.rabbitmq();
        rabbitmq.stop();
        List<String> accepted = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ApiClient.Response r = user.post(
                        "/api/v1/job", Map.of("text_content", sentences("Job during the broker outage " + (i + 1), 2)));
                assertThat(r.status())
                        .as("accepted or 503, never a 500 (or lost): " + r.text())
                        .isIn(201, 503);
                if (r.status() == 201) {
                    accepted.add(r.data().get("id").asText());
                } else {
                    assertThat(r.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
                    assertThat(r.header("Retry-After")).isNotBlank();
                }
            }
            ApiClient.Response listed = api2.client().withToken(user.token()).get("/api/v1/job");
            assertThat(listed.status())
                    .as("the API keeps answering: " + listed.text())
                    .isEqualTo(200);
        } finally {
            rabbitmq.start();
        }
        for (String jobId : accepted) {
            JsonNode job = awaitFinal(user, jobId);
            assertThat(job.get("status").asText())
                    .as("accepted during the outage: " + job)
                    .isEqualTo("completed");
        }
        String after = user.createJob(Map.of("text_content", sentences("Job after the broker came back", 2)))
                .get("id")
                .asText();
        JsonNode job = awaitFinal(user, after);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    }

    @Test
    @Order(7)
    void aWorkerKilledMidJobLosesNoJob() {
        ApiClient user = api1.client().newUser();
        String jobId = user.createJob(
                        Map.of("text_content", sentences("Long job", 60), "voice_model_id", "default_voice_001"))
                .get("id")
                .asText();

        List<JsonNode> history = awaitHistory(
                user,
                jobId,
                h -> !events(h, "JobProgressedEvent").isEmpty()
                        || !events(h, "JobCompletedEvent").isEmpty());
        assertThat(events(history, "JobCompletedEvent"))
                .as("the job must still be running to be cut off")
                .isEmpty();
        JsonNode firstStart = events(history, "JobStartedEvent").get(0).get("payload");
        AppProcess victim = workerNode(firstStart.get("worker_id").asText());
        AppProcess survivor = victim == worker1 ? worker2 : worker1;
        victim.kill();

        JsonNode job = awaitFinal(user, jobId);
        assertThat(job.get("status").asText())
                .as("the job after its worker was killed: " + job)
                .isEqualTo("completed");
        history = history(user, jobId);
        List<JsonNode> failed = events(history, "JobAttemptFailedEvent");
        assertThat(failed).as("the lost attempt is released").hasSize(1);
        assertThat(failed.get(0).get("payload").get("attempt").asInt())
                .isEqualTo(firstStart.get("attempt").asInt());
        assertThat(failed.get(0).get("payload").get("reason").asText()).isEqualTo("Worker stopped while synthesising");
        assertThat(failed.get(0).get("payload").get("retryable").asBoolean()).isTrue();
        List<JsonNode> starts = events(history, "JobStartedEvent");
        assertThat(starts).hasSize(2);
        assertThat(workerNode(starts.get(1).get("payload").get("worker_id").asText()))
                .isSameAs(survivor);
        assertThat(history.get(history.size() - 1).get("type").asText()).isEqualTo("JobCompletedEvent");
    }

    private static String sentences(String subject, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(subject)
                    .append(", sentence ")
                    .append(i)
                    .append(": the quick brown fox jumps over the lazy dog. ");
        }
        return text.toString().trim();
    }

    /** The worker node a JobStartedEvent names: its worker id is {@code worker@<pid>@<host>}. */
    private AppProcess workerNode(String workerId) {
        for (AppProcess worker : List.of(worker1, worker2)) {
            if (workerId.startsWith("worker@" + worker.pid() + "@")) {
                return worker;
            }
        }
        throw new AssertionError(
                "No worker node has the id " + workerId + " (workers: " + worker1 + ", " + worker2 + ")");
    }

    private static AppProcess node(List<AppProcess> nodes, String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode awaitFinal(ApiClient user, String jobId) {
        return user.awaitJob(
                jobId,
                j -> Set.of("completed", "failed", "cancelled")
                        .contains(j.get("status").asText()),
                DONE);
    }

    private static List<JsonNode> history(ApiClient user, String jobId) {
        ApiClient.Response r = user.get("/api/v1/audit/jobs/" + jobId + "/events?limit=1000");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.data().forEach(events::add);
        return events;
    }

    private static List<JsonNode> awaitHistory(ApiClient user, String jobId, Predicate<List<JsonNode>> done) {
        long deadline = System.nanoTime() + DONE.toNanos();
        List<JsonNode> last = List.of();
        while (System.nanoTime() < deadline) {
            last = history(user, jobId);
            if (done.test(last)) {
                return last;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("Job " + jobId + " history never got there: " + last);
    }

    private static List<JsonNode> events(List<JsonNode> history, String type) {
        return history.stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    /** Polls an authenticated request until it answers {@code status}; anything but 200 or 503 fails at once. */
    private static ApiClient.Response awaitStatus(ApiClient node, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = node.get("/api/v1/job");
            assertThat(last.status())
                    .as("only 200 or 503 while a dependency comes and goes: " + last.text())
                    .isIn(200, 503);
            if (last.status() == status) {
                return last;
            }
            ApiClient.sleep(250);
        }
        throw new AssertionError(
                "Still not " + status + " after " + timeout + ": " + (last == null ? "" : last.text()));
    }

    /** Waits until requests on the probe's node are limited to {@code limit} per minute (config is cached ≤ 2 s). */
    private static void awaitLimitOn(ApiClient probe, int limit) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = probe.get("/api/v1/auth/profile").header("X-RateLimit-Limit");
            if (Integer.toString(limit).equals(seen)) {
                return;
            }
            ApiClient.sleep(500);
        }
        throw new AssertionError("The other API node still limits to " + seen + ", not " + limit);
    }
}
