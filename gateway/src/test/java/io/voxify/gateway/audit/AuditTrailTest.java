package io.voxify.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {
    private final RunningApp app = RunningApp.shared();
    private ApiClient owner;
    private String ownerId;
    private ApiClient admin;
    private ApiClient auditor;
    private String requestId;
    private String jobId;
    private JsonNode finished;

    @BeforeAll
    void aJobThatRanToTheEnd() {
        owner = app.client().newUser();
        ownerId = owner.userId();
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient future = app.client().newUser();
        String auditorEmail =
                future.get("/api/v1/auth/profile").data().get("email").asText();
        ApiClient.Response promoted = admin.patch("/api/v1/admin/users/" + future.userId(), Map.of("role", "auditor"));
        assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
        auditor = app.client().login(auditorEmail, ApiClient.PASSWORD);

        requestId = "audit-" + UUID.randomUUID();
        ApiClient.Response created = owner.post(
                "/api/v1/job",
                Map.of("text_content", "The audit trail remembers every step.", "voice_model_id", "default_voice_001"),
                Map.of("X-Request-Id", requestId));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
        jobId = created.data().get("id").asText();
        finished = owner.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
    }

    private List<JsonNode> history(ApiClient client, String path) {
        ApiClient.Response r = client.get(path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.data().forEach(events::add);
        return events;
    }

    @Test
    void aJobsHistoryIsWhatHappenedInOrderWithWhoAndWhichRequest() {
        List<JsonNode> events = history(owner, "/api/v1/audit/jobs/" + jobId + "/events");
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("JobCreatedEvent");
        assertThat(types.get(1)).isEqualTo("JobStartedEvent");
        assertThat(types.get(types.size() - 1)).isEqualTo("JobCompletedEvent");
        assertThat(types.subList(2, types.size() - 1)).isNotEmpty().allMatch("JobProgressedEvent"::equals);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.get("sequence").asLong()).isEqualTo(i);
            assertThat(e.get("aggregate_id").asText()).isEqualTo(jobId);
            assertThat(e.get("aggregate_type").asText()).isEqualTo("SynthesisJob");
            if (i > 0) {
                assertThat(e.get("position").asLong())
                        .isGreaterThan(events.get(i - 1).get("position").asLong());
                assertThat(Instant.parse(e.get("timestamp").asText()))
                        .isAfterOrEqualTo(
                                Instant.parse(events.get(i - 1).get("timestamp").asText()));
            }
            JsonNode meta = e.get("metadata");
            assertThat(meta.get("user_id").asText())
                    .as("the worker's events name the user who asked")
                    .isEqualTo(ownerId);
            assertThat(meta.get("request_id").asText()).isEqualTo(requestId);
            assertThat(meta.get("correlation_id").asText()).isEqualTo(requestId);
            assertThat(meta.get("client_address").asText()).isEqualTo("127.0.0.1");
        }
        JsonNode createdPayload = events.get(0).get("payload");
        assertThat(createdPayload.get("text").asText()).isEqualTo("The audit trail remembers every step.");
        assertThat(createdPayload.get("user_id").asText()).isEqualTo(ownerId);
        assertThat(createdPayload.get("voice_model_id").asText()).isEqualTo("default_voice_001");
        JsonNode output = events.get(events.size() - 1).get("payload").get("output");
        assertThat(output.get("file_id").asText())
                .isEqualTo(finished.get("file_id").asText());
        assertThat(events.get(events.size() - 2).get("payload").get("progress").asDouble())
                .isLessThanOrEqualTo(100.0);

        assertThat(history(admin, "/api/v1/audit/jobs/" + jobId + "/events")).hasSameSizeAs(events);
        assertThat(history(auditor, "/api/v1/audit/jobs/" + jobId + "/events")).hasSameSizeAs(events);
    }

    @Test
    void othersGetNothingAndAuditorsOnlyRead() {
        ApiClient stranger = app.client().newUser();
        ApiClient.Response foreign = stranger.get("/api/v1/audit/jobs/" + jobId + "/events");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("JOB_NOT_FOUND");
        assertThat(stranger.get("/api/v1/audit/jobs/" + jobId + "/state?at=" + Instant.now())
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/audit/samples/" + jobId + "/events").errorCode())
                .as("a job is not a sample")
                .isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(owner.get("/api/v1/audit/clones/vc_nothing/events").status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/audit/events").status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/audit/events").errorCode()).isEqualTo("FORBIDDEN");

        assertThat(auditor.get("/api/v1/job").status())
                .as("auditors read the trail, nothing else")
                .isEqualTo(403);
        assertThat(auditor.post("/api/v1/job", Map.of("text_content", "hi")).status())
                .isEqualTo(403);
        assertThat(auditor.get("/api/v1/admin/users/" + ownerId).status()).isIn(403, 405);
        assertThat(auditor.get("/api/v1/auth/profile").data().get("role").asText())
                .isEqualTo("auditor");
        assertThat(auditor.get("/api/v1/audit/events?limit=1").status()).isEqualTo(200);
    }

    @Test
    void theGlobalStreamFiltersAndPagesByPosition() {
        List<JsonNode> own = history(auditor, "/api/v1/audit/events?user_id=" + ownerId + "&limit=1000");
        assertThat(own.get(0).get("type").asText()).isEqualTo("UserRegisteredEvent");
        assertThat(own.get(0).get("aggregate_id").asText()).isEqualTo(ownerId);
        assertThat(own).anyMatch(e -> e.get("aggregate_id").asText().equals(jobId));
        assertThat(own)
                .allMatch(e -> e.get("aggregate_id").asText().equals(ownerId)
                        || e.get("aggregate_id").asText().equals(jobId));

        JsonNode registered = own.get(0).get("payload");
        assertThat(registered.get("password_hash").asText()).isEqualTo("[redacted]");
        assertThat(auditor.get("/api/v1/audit/events?user_id=" + ownerId).text())
                .doesNotContain("$2a$", "$2b$");

        List<JsonNode> jobEvents = history(admin, "/api/v1/audit/events?aggregate_id=" + jobId);
        List<JsonNode> paged = new ArrayList<>();
        long after = 0;
        for (int guard = 0; guard < 100; guard++) {
            ApiClient.Response r = admin.get("/api/v1/audit/events?aggregate_id=" + jobId + "&limit=2&after=" + after);
            r.data().forEach(paged::add);
            JsonNode pagination = r.json().get("meta").get("pagination");
            if (!pagination.get("has_more").asBoolean()) {
                break;
            }
            after = pagination.get("next_after").asLong();
        }
        assertThat(paged.stream().map(e -> e.get("position").asLong()).toList())
                .isEqualTo(
                        jobEvents.stream().map(e -> e.get("position").asLong()).toList());

        List<JsonNode> created =
                history(admin, "/api/v1/audit/events?type=JobCreatedEvent,JobCompletedEvent&aggregate_id=" + jobId);
        assertThat(created)
                .extracting(e -> e.get("type").asText())
                .containsExactly("JobCreatedEvent", "JobCompletedEvent");
        assertThat(history(admin, "/api/v1/audit/events?aggregate_type=VoiceSample&aggregate_id=" + jobId))
                .isEmpty();

        Instant completedAt = Instant.parse(
                jobEvents.get(jobEvents.size() - 1).get("timestamp").asText());
        List<JsonNode> untilDone = history(admin, "/api/v1/audit/events?aggregate_id=" + jobId + "&to=" + completedAt);
        assertThat(untilDone).hasSameSizeAs(jobEvents);
        List<JsonNode> afterDone =
                history(admin, "/api/v1/audit/events?aggregate_id=" + jobId + "&from=" + completedAt.plusMillis(1));
        assertThat(afterDone).noneMatch(e -> e.get("type").asText().equals("JobCreatedEvent"));

        for (String bad : List.of(
                "limit=0",
                "limit=1001",
                "after=-1",
                "after=x",
                "type=Job-Created",
                "from=yesterday",
                "from=2026-02-01&to=2026-01-01")) {
            ApiClient.Response r = admin.get("/api/v1/audit/events?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void theJobAsItStoodAtThreeMomentsAndAfterItsDeletion() {
        ApiClient user = app.client().newUser();
        String id = user.createJob(Map.of("text_content", "Three moments in the life of a job."))
                .get("id")
                .asText();
        user.awaitJob(id, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        List<JsonNode> events = history(user, "/api/v1/audit/jobs/" + id + "/events");
        Instant created = Instant.parse(events.get(0).get("timestamp").asText());
        Instant started = Instant.parse(events.get(1).get("timestamp").asText());
        Instant completed =
                Instant.parse(events.get(events.size() - 1).get("timestamp").asText());

        ApiClient.Response before = user.get("/api/v1/audit/jobs/" + id + "/state?at=" + created.minusSeconds(1));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.json().get("error").get("details").get("created_at").asText())
                .isEqualTo(created.toString());

        JsonNode atCreation = state(user, id, created);
        if (!started.equals(created)) {
            assertThat(atCreation.get("job").get("status").asText()).isEqualTo("pending");
            assertThat(atCreation.get("event_count").asInt()).isEqualTo(1);
        }
        JsonNode atStart = state(user, id, started).get("job");
        if (!completed.equals(started)) {
            assertThat(atStart.get("status").asText()).isEqualTo("processing");
            assertThat(atStart.get("file_id").isNull()).isTrue();
        }
        JsonNode atEnd = state(user, id, completed);
        assertThat(atEnd.get("event_count").asInt()).isEqualTo(events.size());
        JsonNode live = user.get("/api/v1/job/" + id).data();
        assertThat(atEnd.get("job")).as("the rebuilt job equals the read model").isEqualTo(live);

        ApiClient.Response deleted = admin.delete("/api/v1/job/" + id);
        assertThat(deleted.status()).as(deleted.text()).isIn(200, 204);
        List<JsonNode> after = history(user, "/api/v1/audit/jobs/" + id + "/events");
        JsonNode deletion = after.get(after.size() - 1);
        assertThat(deletion.get("type").asText()).isEqualTo("JobDeletedEvent");
        assertThat(deletion.get("metadata").get("user_id").asText())
                .as("who deleted it")
                .isEqualTo(admin.userId());
        ApiClient.Response gone = user.get("/api/v1/audit/jobs/" + id + "/state?at=" + Instant.now());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").get("details").get("deleted_at").isNull())
                .isFalse();
        assertThat(state(user, id, completed).get("job").get("status").asText()).isEqualTo("completed");

        for (String bad : List.of("", "?at=", "?at=noon", "?at=2026-13-01")) {
            ApiClient.Response r = user.get("/api/v1/audit/jobs/" + id + "/state" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
        }
    }

    private static JsonNode state(ApiClient client, String jobId, Instant at) {
        ApiClient.Response r = client.get("/api/v1/audit/jobs/" + jobId + "/state?at=" + at);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    /**
     * An owner reading their job's history sees that an administrator acted and who, but not the
     * administrator's address; auditors and administrators see it. The administrator calls from another
     * loopback address (127.0.0.2) so the two addresses differ.
     */
    @Test
    void anOwnerSeesWhoActedOnTheirJobButNotFromWhere() throws Exception {
        String busy = owner.createJob(Map.of("text_content", "Cancelled by an administrator. ".repeat(200)))
                .get("id")
                .asText();
        String answer = patchFrom("127.0.0.2", "/api/v1/job/" + busy, admin.token(), "{\"status\":\"cancelled\"}");
        assertThat(answer).as(answer).startsWith("HTTP/1.1 200");
        owner.awaitJob(busy, j -> j.get("status").asText().equals("cancelled"), Duration.ofSeconds(30));

        List<JsonNode> seenByOwner = history(owner, "/api/v1/audit/jobs/" + busy + "/events");
        JsonNode created = seenByOwner.get(0).get("metadata");
        assertThat(created.get("client_address").asText())
                .as("the owner's own address")
                .isEqualTo("127.0.0.1");
        JsonNode cancelled = seenByOwner.stream()
                .filter(e -> e.get("type").asText().equals("JobCancelledEvent"))
                .findFirst()
                .orElseThrow()
                .get("metadata");
        assertThat(cancelled.get("user_id").asText()).isEqualTo(admin.userId());
        assertThat(cancelled.has("client_address")).as(cancelled.toString()).isFalse();

        JsonNode seenByAuditor = history(auditor, "/api/v1/audit/jobs/" + busy + "/events").stream()
                .filter(e -> e.get("type").asText().equals("JobCancelledEvent"))
                .findFirst()
                .orElseThrow();
        assertThat(seenByAuditor.get("metadata").get("client_address").asText()).isEqualTo("127.0.0.2");
    }

    /** A PATCH over a socket bound to {@code from} (the JDK 17 HTTP client cannot choose its local address). */
    private String patchFrom(String from, String path, String token, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
            socket.setSoTimeout(30000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
