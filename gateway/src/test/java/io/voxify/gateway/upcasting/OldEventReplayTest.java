package io.voxify.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A store as the previous release left it, written before JobCreatedEvent gained
 * {@code textFormat}, with one event the jobs projection cannot handle: the projection keeps
 * running, shows the parked event to administrators, and a replay rebuilds the old job as plain
 * text. And a configuration changed before the quotas and caps of revision 2 existed, and a clone
 * built before generation jobs were recorded.
 */
class OldEventReplayTest {
    private static final String JOB_CREATED = "io.voxify.events.job.JobCreatedEvent";
    private static final String CONFIG_CHANGED = "io.voxify.events.admin.PlatformConfigChangedEvent";
    /** The settings PlatformConfigChangedEvent revision 2 added, as the event and the read model name them. */
    private static final List<String> REVISION_2_SETTINGS = List.of(
            "sampleProcessingsPerDay",
            "clonesPerDay",
            "trainingsPerDay",
            "maxWorkInFlightPerUser",
            "maxAudioStreamsPerUser",
            "maxEventStreamsPerUser",
            "maxSyncSpeechPerUser");

    private static final Duration DONE = Duration.ofSeconds(60);
    private static final Duration SLOW = Duration.ofMinutes(3);

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
            oldJob = user.createJob(Map.of("text_content", "Written by an older release."))
                    .get("id")
                    .asText();
            poisonedJob = user.createJob(Map.of("text_content", "About to be poisoned."))
                    .get("id")
                    .asText();
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
            assertThat(parked.get("dead_letters").asLong())
                    .as(parked.toString())
                    .isEqualTo(1);
            assertThat(user.createJob(Map.of("text_content", "Still projected."))
                            .get("status")
                            .asText())
                    .as("the projection goes on after parking the poison event")
                    .isEqualTo("pending");

            ApiClient.Response replay = admin.post("/api/v1/admin/projections/jobs/replay", Map.of());
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            JsonNode replayed = awaitCaughtUp(admin);
            assertThat(replayed.get("dead_letters").asLong())
                    .as("the replay parks the poison event again, in place of the old run's letter")
                    .isEqualTo(1);

            JsonNode after = user.get("/api/v1/job/" + oldJob).data();
            assertThat(after.get("text_format").asText()).isEqualTo("plain");
            assertThat(after).as("the rebuilt job is the job as it was").isEqualTo(before);

            assertThat(user.delete("/api/v1/job/" + oldJob).status())
                    .as("the job's aggregate loads its history through the upcaster too")
                    .isEqualTo(200);
            assertThat(user.get("/api/v1/job/" + oldJob).status()).isEqualTo(404);
        }
    }

    /**
     * A configuration an administrator changed under the previous release: its events (revision
     * 1) and its read-model row lack the quotas and caps added since. They read as this node's
     * defaults, not as 0 (nothing allowed), and the next change records only what it changes.
     */
    @Test
    void aConfigurationChangedByTheLastReleaseReadsTheNodesDefaultsForTheNewSettings() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-upcast-config-");
        long version;
        try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
            ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
            ApiClient.Response changed = admin.put("/api/v1/admin/config", Map.of("max_text_length", 4321));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            version = changed.data().get("version").asLong();
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("voxify.db"))) {
            rewriteConfigChangesAsRevisionOne(db);
            dropNewSettingsFromTheConfigRow(db);
        }

        try (RunningApp app = RunningApp.start(
                dataDir, Map.of("voxify.limits.clones-per-day", 7, "voxify.limits.max-event-streams-per-user", 5))) {
            ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
            JsonNode config = admin.get("/api/v1/admin/config").data();
            assertThat(config.get("max_text_length").asInt()).isEqualTo(4321);
            assertThat(config.get("version").asLong()).isEqualTo(version);
            assertThat(config.get("clones_per_day").asInt())
                    .as("this node's default")
                    .isEqualTo(7);
            assertThat(config.get("max_event_streams_per_user").asInt())
                    .as("this node's default")
                    .isEqualTo(5);
            assertThat(config.get("sample_processings_per_day").asInt()).isEqualTo(200);
            assertThat(config.get("trainings_per_day").asInt()).isEqualTo(10);
            assertThat(config.get("max_work_in_flight_per_user").asInt()).isEqualTo(2);
            assertThat(config.get("max_audio_streams_per_user").asInt()).isEqualTo(4);
            assertThat(config.get("max_sync_speech_per_user").asInt()).isEqualTo(2);

            ApiClient user = app.client().newUser();
            ApiClient.Response uploaded = user.multipart(
                    "/api/v1/voice/samples",
                    Map.of("name", "Old store"),
                    "a.wav",
                    SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav"));
            assertThat(uploaded.data().at("/processing/started").asBoolean())
                    .as("processing is allowed, not refused by a quota of 0: " + uploaded.text())
                    .isTrue();

            ApiClient.Response next = admin.put("/api/v1/admin/config", Map.of("max_text_length", 4000));
            assertThat(next.status()).as(next.text()).isEqualTo(200);
            assertThat(next.data().get("clones_per_day").asInt()).isEqualTo(7);
            JsonNode events = admin.get("/api/v1/audit/events?type=PlatformConfigChangedEvent&limit=1000")
                    .data();
            assertThat(events.get(events.size() - 1)
                            .get("payload")
                            .get("changed")
                            .toString())
                    .as("the configuration's aggregate loads its history through the upcaster too")
                    .isEqualTo("[\"maxTextLength\"]");

            ApiClient.Response replay = admin.post("/api/v1/admin/projections/platform-config/replay", Map.of());
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            JsonNode rebuilt = admin.await(
                    "/api/v1/admin/config",
                    c -> c.get("version").asLong() == next.data().get("version").asLong(),
                    DONE);
            assertThat(rebuilt.get("clones_per_day").asInt()).isEqualTo(7);
            assertThat(rebuilt.get("max_text_length").asInt()).isEqualTo(4000);
        }
    }

    /**
     * A clone the previous release built: its history has no generation job (no
     * CloneGenerationRequestedEvent, no CloneFittingProgressedEvent). A replay of the clones
     * projection shows it as it was, without a generation job, and its aggregate still loads.
     */
    @Test
    void aCloneBuiltByTheLastReleaseReplaysWithoutAGenerationJob() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-upcast-clone-");
        String email = "old-clone-" + UUID.randomUUID() + "@example.com";
        String cloneId;
        JsonNode before;
        try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
            ApiClient anonymous = app.client();
            anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
            ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
            String sampleId = user.multipart(
                            "/api/v1/voice/samples",
                            Map.of("name", "Old clone"),
                            "a.wav",
                            SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav"))
                    .data()
                    .get("id")
                    .asText();
            user.await(
                    "/api/v1/voice/samples/" + sampleId,
                    s -> s.get("status").asText().equals("processed"),
                    SLOW);
            ApiClient.Response created = user.post(
                    "/api/v1/voice/clones",
                    Map.of(
                            "sample_ids",
                            List.of(sampleId),
                            "name",
                            "Old clone",
                            "config",
                            Map.of("base_voice_id", "default_voice_001", "quality", "fast")));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            cloneId = created.data().get("clone_id").asText();
            before = user.await(
                    "/api/v1/voice/clones/" + cloneId,
                    c -> c.get("status").asText().equals("ready"),
                    SLOW);
            assertThat(before.get("generation_job_id").isTextual()).isTrue();
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("voxify.db"))) {
            removeGenerationEvents(db, cloneId);
        }

        try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
            ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
            ApiClient user = app.client().login(email, ApiClient.PASSWORD);
            ApiClient.Response replay = admin.post("/api/v1/admin/projections/clones/replay", Map.of());
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            JsonNode after = user.await(
                    "/api/v1/voice/clones/" + cloneId,
                    c -> c.path("status").asText().equals("ready")
                            && c.path("generation_job_id").isNull(),
                    DONE);
            assertThat(after.get("generation").isNull()).isTrue();
            assertThat(after.get("status").asText()).isEqualTo("ready");
            assertThat(after.get("profile")).isEqualTo(before.get("profile"));
            assertThat(after.get("quality_metrics")).isEqualTo(before.get("quality_metrics"));
            assertThat(user.get("/api/v1/voice/generation/"
                                    + before.get("generation_job_id").asText())
                            .status())
                    .isEqualTo(404);
            assertThat(user.delete("/api/v1/voice/clones/" + cloneId).status())
                    .as("the clone's aggregate loads the old history")
                    .isEqualTo(200);
        }
    }

    /** The clone's history as the previous release wrote it: its generation events gone, the rest renumbered. */
    private static void removeGenerationEvents(Connection db, String cloneId) throws Exception {
        try (PreparedStatement delete = db.prepareStatement(
                "delete from domain_event_entry where" + " aggregate_identifier = ? and payload_type in (?, ?)")) {
            delete.setString(1, cloneId);
            delete.setString(2, "io.voxify.events.clone.CloneGenerationRequestedEvent");
            delete.setString(3, "io.voxify.events.clone.CloneFittingProgressedEvent");
            assertThat(delete.executeUpdate())
                    .as("the request and at least one step")
                    .isGreaterThan(2);
        }
        List<String> remaining = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select event_identifier from domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number")) {
            select.setString(1, cloneId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    remaining.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement renumber = db.prepareStatement(
                "update domain_event_entry set sequence_number = ?" + " where event_identifier = ?")) {
            for (int i = 0; i < remaining.size(); i++) {
                renumber.setLong(1, i);
                renumber.setString(2, remaining.get(i));
                renumber.executeUpdate();
            }
        }
        assertThat(remaining).as("created, started, ready").hasSize(3);
    }

    private static void rewriteConfigChangesAsRevisionOne(Connection db) throws Exception {
        Map<String, byte[]> rewritten = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("select event_identifier, payload, payload_revision"
                + " from domain_event_entry where payload_type = ?")) {
            select.setString(1, CONFIG_CHANGED);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(3))
                            .as("events are written in the current revision")
                            .isEqualTo("2");
                    ObjectNode payload = (ObjectNode) ApiClient.JSON.readTree(rs.getBytes(2));
                    ((ObjectNode) payload.get("config")).remove(REVISION_2_SETTINGS);
                    rewritten.put(rs.getString(1), ApiClient.JSON.writeValueAsBytes(payload));
                }
            }
        }
        assertThat(rewritten).isNotEmpty();
        try (PreparedStatement update = db.prepareStatement(
                "update domain_event_entry set payload = ?," + " payload_revision = '1' where event_identifier = ?")) {
            for (Map.Entry<String, byte[]> event : rewritten.entrySet()) {
                update.setBytes(1, event.getValue());
                update.setString(2, event.getKey());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static void dropNewSettingsFromTheConfigRow(Connection db) throws Exception {
        String json;
        try (PreparedStatement select = db.prepareStatement("select config_json from platform_config");
                ResultSet rs = select.executeQuery()) {
            assertThat(rs.next()).isTrue();
            json = rs.getString(1);
        }
        ObjectNode config = (ObjectNode) ApiClient.JSON.readTree(json);
        assertThat(REVISION_2_SETTINGS).allMatch(config::has);
        config.remove(REVISION_2_SETTINGS);
        try (PreparedStatement update = db.prepareStatement("update platform_config set config_json = ?")) {
            update.setString(1, ApiClient.JSON.writeValueAsString(config));
            assertThat(update.executeUpdate()).isEqualTo(1);
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
                assertThat(rs.getString(2))
                        .as("events are written in the current revision")
                        .isEqualTo("2");
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
