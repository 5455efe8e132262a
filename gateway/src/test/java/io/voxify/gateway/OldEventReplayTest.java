package io.voxify.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A store as the previous release left it, written before JobCreatedEvent gained
 * {@code textFormat}, with one event the jobs projection cannot handle: the projection keeps
 * running, shows the parked event to administrators, and a replay rebuilds the old job as plain
 * text.
 */
class OldEventReplayTest {
    private static final String JOB_CREATED = "io.voxify.events.job.JobCreatedEvent";
    private static final Duration DONE = Duration.ofSeconds(60);

    @Test
    void eventsOfTheLastReleaseReplayAndAPoisonEventIsParkedInsteadOfStoppingTheProjection() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-upcast-");
        String email = "upcast-" + UUID.randomUUID() + "@example.com";
        String oldJob;
        String poisonedJob;
        JsonNode before;
        try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
            ApiClient anonymous = app.client();
            anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
            ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
            oldJob = user.createJob(Map.of("text_content", "Written by an older release.")).get("id").asText();
            poisonedJob = user.createJob(Map.of("text_content", "About to be poisoned.")).get("id").asText();
            before = user.awaitJob(oldJob, j -> j.get("status").asText().equals("completed"), DONE);
            user.awaitJob(poisonedJob, j -> j.get("status").asText().equals("completed"), DONE);
            assertThat(before.get("text_format").asText()).isEqualTo("plain");
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("voxify.db"))) {
            rewriteAsRevisionOne(db, oldJob);
            appendUnhandleableUpdate(db, poisonedJob);
        }

        try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
            ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
            ApiClient user = app.client().login(email, ApiClient.PASSWORD);
            JsonNode parked = awaitCaughtUp(admin);
            assertThat(parked.get("dead_letters").asLong()).as(parked.toString()).isEqualTo(1);
            assertThat(user.createJob(Map.of("text_content", "Still projected.")).get("status").asText())
                    .as("the projection goes on after parking the poison event").isEqualTo("pending");

            ApiClient.Response replay = admin.post("/api/v1/admin/projections/jobs/replay", Map.of());
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            JsonNode replayed = awaitCaughtUp(admin);
            assertThat(replayed.get("dead_letters").asLong())
                    .as("the replay parks the poison event again, in place of the old run's letter").isEqualTo(1);

            JsonNode after = user.get("/api/v1/job/" + oldJob).data();
            assertThat(after.get("text_format").asText()).isEqualTo("plain");
            assertThat(after).as("the rebuilt job is the job as it was").isEqualTo(before);

            assertThat(user.delete("/api/v1/job/" + oldJob).status())
                    .as("the job's aggregate loads its history through the upcaster too").isEqualTo(200);
            assertThat(user.get("/api/v1/job/" + oldJob).status()).isEqualTo(404);
        }
    }

    /** What the previous release wrote: revision 1, no textFormat, fields in the same order. */
    private static void rewriteAsRevisionOne(Connection db, String jobId) throws Exception {
        ObjectNode payload;
        try (PreparedStatement select = db.prepareStatement("select payload, payload_revision"
                + " from domain_event_entry where aggregate_identifier = ? and payload_type = ?")) {
            select.setString(1, jobId);
            select.setString(2, JOB_CREATED);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                payload = (ObjectNode) ApiClient.JSON.readTree(rs.getBytes(1));
                assertThat(rs.getString(2)).as("events are written in the current revision").isEqualTo("2");
            }
        }
        assertThat(payload.remove("textFormat").asText()).isEqualTo("plain");
        try (PreparedStatement update = db.prepareStatement("update domain_event_entry set payload = ?,"
                + " payload_revision = '1' where aggregate_identifier = ? and payload_type = ?")) {
            update.setBytes(1, ApiClient.JSON.writeValueAsBytes(payload));
            update.setString(2, jobId);
            update.setString(3, JOB_CREATED);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** An update without text: the jobs projection's handler fails on it, so it is a poison event. */
    private static void appendUnhandleableUpdate(Connection db, String jobId) throws Exception {
        long sequence;
        try (PreparedStatement last = db.prepareStatement(
                "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?")) {
            last.setString(1, jobId);
            try (ResultSet rs = last.executeQuery()) {
                assertThat(rs.next()).isTrue();
                sequence = rs.getLong(1) + 1;
            }
        }
        String payload = "{\"jobId\":\"" + jobId + "\",\"text\":null,\"textHash\":null,\"textLanguage\":\"en-US\","
                + "\"settings\":null}";
        try (PreparedStatement insert = db.prepareStatement("insert into domain_event_entry (event_identifier,"
                + " meta_data, payload, payload_revision, payload_type, time_stamp, aggregate_identifier,"
                + " sequence_number, type) values (?, ?, ?, '1', 'io.voxify.events.job.JobUpdatedEvent', ?, ?, ?,"
                + " 'SynthesisJob')")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            insert.setString(4, Instant.now().toString());
            insert.setString(5, jobId);
            insert.setLong(6, sequence);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static JsonNode awaitCaughtUp(ApiClient admin) {
        long end = System.nanoTime() + DONE.toNanos();
        JsonNode jobs = null;
        while (System.nanoTime() < end) {
            jobs = admin.get("/api/v1/admin/projections/jobs").data();
            if (jobs.get("status").asText().equals("running") && jobs.get("lag").asLong() == 0) {
                return jobs;
            }
            ApiClient.sleep(50);
        }
        throw new AssertionError("the jobs projection did not catch up: " + jobs);
    }
}
