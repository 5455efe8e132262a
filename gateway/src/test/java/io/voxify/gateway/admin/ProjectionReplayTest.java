package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Replaying a projection over HTTP rebuilds exactly the rows the live run wrote, while the API
 * goes on answering; sagas and clean-ups are never replayed.
 */
class ProjectionReplayTest {
    private static final Duration DONE = Duration.ofSeconds(120);
    private static final String[] FORMATS = {"wav", "mp3", "flac"};
    private final RunningApp app = RunningApp.shared();

    @Test
    void replayedJobsAndUsersEqualTheLiveReadModelRowForRowWhileTheApiKeepsAnswering() throws Exception {
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient writer = app.client().newUser();
        ApiClient other = app.client().newUser();
        ApiClient reader = app.client().newUser();
        List<ApiClient> users = List.of(writer, other, reader);
        // The reader's jobs come last, so the replay rebuilds them only after at least one batch of
        // the others' events has committed.
        List<String> jobIds = new ArrayList<>();
        for (ApiClient owner : users) {
            List<String> own = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                own.add(owner.createJob(Map.of(
                                "text_content",
                                "Replay sentence number " + i + ". And one more.",
                                "output_format",
                                FORMATS[i % FORMATS.length],
                                "config",
                                Map.of("include_timestamps", i % 2 == 0)))
                        .get("id")
                        .asText());
            }
            own.forEach(id -> owner.awaitJob(id, j -> j.get("status").asText().equals("completed"), DONE));
            jobIds.addAll(own);
        }
        String deleted = jobIds.remove(0);
        assertThat(writer.delete("/api/v1/job/" + deleted).status()).isEqualTo(200);
        awaitCaughtUp(admin, "jobs");
        awaitCaughtUp(admin, "users");

        Snapshot live = snapshot();
        List<String> userIds = users.stream().map(ApiClient::userId).toList();
        assertThat(live.users().keySet()).containsAll(userIds);
        assertThat(live.jobs().keySet()).containsAll(jobIds).doesNotContain(deleted);
        assertThat(live.files().values()).extracting(row -> row.get("job_id")).containsAll(jobIds);

        List<long[]> requests = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread traffic = new Thread(() -> {
            while (!stop.get()) {
                long sent = System.nanoTime();
                ApiClient.Response r = reader.get("/api/v1/job?limit=100");
                long total = r.status() != 200
                        ? -1
                        : r.json()
                                .path("meta")
                                .path("pagination")
                                .path("total_count")
                                .asLong();
                requests.add(new long[] {sent, System.nanoTime(), r.status(), total});
            }
        });
        traffic.start();
        try {
            for (String projection : List.of("jobs", "users")) {
                String replay = "/api/v1/admin/projections/" + projection + "/replay";
                ApiClient.Response started = admin.post(replay, Map.of());
                assertThat(started.status()).as(started.text()).isEqualTo(202);
                assertThat(started.data().get("status").asText()).isEqualTo("replaying");
                assertThat(started.data().get("replay_progress").asDouble()).isBetween(0.0, 1.0);
                ApiClient.Response again = admin.post(replay, Map.of());
                assertThat(again.status()).as(again.text()).isEqualTo(409);
                assertThat(again.errorCode()).isEqualTo("REPLAY_IN_PROGRESS");
                followReplay(admin, projection);
            }
        } finally {
            stop.set(true);
            traffic.join();
        }

        assertThat(requests)
                .as("requests during the replays")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r[2]).isEqualTo(200));
        // The reset empties the table and the replay refills it batch by batch: a short list was
        // answered between batches, before the replay reached the reader's jobs.
        List<Long> totals = requests.stream().map(r -> r[3]).toList();
        long slowest = requests.stream()
                .mapToLong(r -> (r[1] - r[0]) / 1_000_000)
                .max()
                .orElseThrow();
        assertThat(totals)
                .as("job counts the reader saw, %d requests, slowest %d ms", requests.size(), slowest)
                .contains(10L)
                .anyMatch(total -> total < 10);

        // Rows are compared for every aggregate whose events all lay behind the live snapshot's tokens:
        // other tests' work may go on in the shared application meanwhile.
        Snapshot replayed = snapshot();
        Set<String> jobsChanged = live.jobsChangedAfter();
        Set<String> usersChanged = live.usersChangedAfter();
        assertThat(jobsChanged).doesNotContainAnyElementsOf(jobIds);
        assertThat(usersChanged).doesNotContainAnyElementsOf(userIds);
        assertThat(without(replayed.jobs(), jobsChanged)).isEqualTo(without(live.jobs(), jobsChanged));
        assertThat(withoutJobs(replayed.files(), jobsChanged)).isEqualTo(withoutJobs(live.files(), jobsChanged));
        assertThat(without(replayed.users(), usersChanged)).isEqualTo(without(live.users(), usersChanged));

        JsonNode listed = reader.get("/api/v1/job?limit=100").json();
        assertThat(listed.path("meta").path("pagination").path("total_count").asInt())
                .isEqualTo(10);
    }

    @Test
    void onlyProjectionsReplayAndOnlyForAdministrators() {
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient user = app.client().newUser();

        assertThat(user.get("/api/v1/admin/projections").status()).isEqualTo(403);
        assertThat(user.get("/api/v1/admin/projections/jobs").status()).isEqualTo(403);
        assertThat(user.post("/api/v1/admin/projections/jobs/replay", Map.of()).status())
                .isEqualTo(403);

        JsonNode list = admin.get("/api/v1/admin/projections").data();
        Map<String, JsonNode> byName = new TreeMap<>();
        list.forEach(p -> byName.put(p.get("name").asText(), p));
        assertThat(byName)
                .containsKeys(
                        "jobs",
                        "users",
                        "samples",
                        "clones",
                        "training",
                        "library",
                        "SynthesisSagaProcessor",
                        "audio-cleanup",
                        "voice-data-cleanup");
        assertThat(byName.get("jobs").get("kind").asText()).isEqualTo("projection");
        assertThat(byName.get("jobs").get("replayable").asBoolean()).isTrue();
        assertThat(byName.get("jobs").get("dead_letters").isNumber())
                .as("jobs has a dead-letter queue")
                .isTrue();
        assertThat(byName.get("library").get("dead_letters").isNull())
                .as("library has none")
                .isTrue();
        assertThat(byName.get("SynthesisSagaProcessor").get("kind").asText()).isEqualTo("saga");
        assertThat(byName.get("audio-cleanup").get("kind").asText()).isEqualTo("cleanup");
        list.forEach(p -> {
            assertThat(p.get("status").asText()).as(p.toString()).isIn("running", "replaying");
            assertThat(p.get("head").asLong()).isPositive();
            assertThat(p.get("lag").asLong())
                    .isEqualTo(Math.max(
                            0, p.get("head").asLong() - p.get("position").asLong()));
        });

        ApiClient.Response saga = admin.post("/api/v1/admin/projections/SynthesisSagaProcessor/replay", Map.of());
        assertThat(saga.status()).isEqualTo(409);
        assertThat(saga.errorCode()).isEqualTo("PROJECTION_NOT_REPLAYABLE");
        ApiClient.Response cleanup = admin.post("/api/v1/admin/projections/audio-cleanup/replay", Map.of());
        assertThat(cleanup.status()).isEqualTo(409);
        assertThat(cleanup.errorCode()).isEqualTo("PROJECTION_NOT_REPLAYABLE");
        assertThat(admin.get("/api/v1/admin/projections/SynthesisSagaProcessor")
                        .data()
                        .get("status")
                        .asText())
                .as("a refused replay leaves the saga running")
                .isEqualTo("running");

        ApiClient.Response unknown = admin.get("/api/v1/admin/projections/no-such-processor");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(admin.post("/api/v1/admin/projections/no-such-processor/replay", Map.of())
                        .status())
                .isEqualTo(404);
    }

    /** Polls the projection, as an operator would, until its replay is over and it has caught up. */
    private static void followReplay(ApiClient admin, String name) {
        long end = System.nanoTime() + DONE.toNanos();
        while (System.nanoTime() < end) {
            JsonNode p = admin.get("/api/v1/admin/projections/" + name).data();
            if (p.get("status").asText().equals("replaying")) {
                assertThat(p.get("replay_progress").asDouble()).isBetween(0.0, 1.0);
            } else {
                assertThat(p.get("status").asText()).as(p.toString()).isEqualTo("running");
                assertThat(p.get("replay_progress").isNull()).isTrue();
                if (p.get("lag").asLong() == 0) {
                    return;
                }
            }
            ApiClient.sleep(20);
        }
        throw new AssertionError(name + " did not finish replaying");
    }

    private static void awaitCaughtUp(ApiClient admin, String name) {
        long end = System.nanoTime() + DONE.toNanos();
        while (System.nanoTime() < end) {
            JsonNode p = admin.get("/api/v1/admin/projections/" + name).data();
            if (p.get("status").asText().equals("running") && p.get("lag").asLong() == 0) {
                return;
            }
            ApiClient.sleep(50);
        }
        throw new AssertionError(name + " did not catch up");
    }

    /**
     * The read models as stored, every column, read on the application's own connection together
     * with the positions the projections' tokens had reached: rows and tokens commit together, so
     * the rows are exactly the events up to those positions.
     */
    private Snapshot snapshot() throws SQLException {
        try (Connection db = app.bean(DataSource.class).getConnection();
                Statement sql = db.createStatement()) {
            Set<String> jobsChanged = changedAfter(sql, tokenPosition(sql, "jobs"));
            Set<String> usersChanged = changedAfter(sql, tokenPosition(sql, "users"));
            return new Snapshot(
                    rows(sql, "job_view", "job_id"),
                    rows(sql, "audio_file_view", "file_id"),
                    rows(sql, "user_view", "user_id"),
                    jobsChanged,
                    usersChanged);
        }
    }

    /** Aggregates with events the projection had not (certainly) handled when the snapshot was taken. */
    private static Set<String> changedAfter(Statement sql, long position) throws SQLException {
        Set<String> changed = new HashSet<>();
        try (ResultSet rs = sql.executeQuery(
                "select distinct aggregate_identifier from domain_event_entry where global_index > " + position)) {
            while (rs.next()) {
                changed.add(rs.getString(1));
            }
        }
        return changed;
    }

    private static long tokenPosition(Statement sql, String processor) throws SQLException {
        try (ResultSet rs =
                sql.executeQuery("select token from token_entry where processor_name = '" + processor + "'")) {
            assertThat(rs.next()).isTrue();
            JsonNode token = ApiClient.JSON.readTree(rs.getBytes(1));
            // after a replay Axon keeps the replay token, with the position inside, until a newer event arrives
            JsonNode current = token.has("currentToken") ? token.get("currentToken") : token;
            return current.get("index").asLong();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Map<String, Object>> rows(Statement sql, String table, String key) throws SQLException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        try (ResultSet rs = sql.executeQuery("select * from " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    row.put(
                            meta.getColumnName(c),
                            value instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : value);
                }
                rows.put(rs.getString(key), row);
            }
        }
        return rows;
    }

    private static Map<String, Map<String, Object>> without(Map<String, Map<String, Object>> rows, Set<String> ids) {
        Map<String, Map<String, Object>> kept = new TreeMap<>(rows);
        kept.keySet().removeAll(ids);
        return kept;
    }

    private static Map<String, Map<String, Object>> withoutJobs(
            Map<String, Map<String, Object>> files, Set<String> jobIds) {
        Map<String, Map<String, Object>> kept = new TreeMap<>(files);
        kept.values().removeIf(row -> jobIds.contains(String.valueOf(row.get("job_id"))));
        return kept;
    }

    private record Snapshot(
            Map<String, Map<String, Object>> jobs,
            Map<String, Map<String, Object>> files,
            Map<String, Map<String, Object>> users,
            Set<String> jobsChangedAfter,
            Set<String> usersChangedAfter) {}
}
