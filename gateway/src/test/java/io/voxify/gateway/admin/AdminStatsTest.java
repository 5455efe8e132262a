package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.voxify.gateway.support.AdminFixtures;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The platform statistics move by exactly what a test does. The application is shared with
 * other tests, so every figure is compared before and after, never as an absolute.
 */
class AdminStatsTest {
    private static final String DEFAULT_VOICE = "default_voice_001";
    private final RunningApp app = RunningApp.shared();

    @Test
    void onlyAdministratorsSeeTheStatistics() {
        ApiClient user = app.client().newUser();
        ApiClient.Response refused = user.get("/api/v1/admin/stats");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(app.client().get("/api/v1/admin/stats").status()).isEqualTo(401);
    }

    @Test
    void everyFigureMovesByWhatWasDone() {
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        // Jobs other tests left running would finish while this one counts: wait until none is.
        JsonNode before = AdminFixtures.eventually(
                () -> stats(admin), s -> jobs(s, "pending") + jobs(s, "processing") == 0, AdminFixtures.DONE);
        assertThat(jobs(before, "pending") + jobs(before, "processing"))
                .as("no job in flight before counting")
                .isZero();

        ApiClient user = app.client().newUser();
        byte[] wav = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
        ApiClient.Response sample =
                user.multipart("/api/v1/voice/samples", Map.of("name", "Stats sample"), "sample.wav", wav);
        assertThat(sample.status()).as(sample.text()).isEqualTo(201);
        AdminFixtures.JobMix mix = AdminFixtures.jobMix(user, admin);
        double audioSeconds = mix.completed().get("duration").asDouble();
        long audioBytes = mix.fileInfo().get("size").asLong();
        assertThat(audioBytes).isPositive();

        JsonNode after = AdminFixtures.eventually(
                () -> stats(admin),
                s -> s.at("/users/total").asLong() == before.at("/users/total").asLong() + 1
                        && s.at("/users/active_30d").asLong()
                                == before.at("/users/active_30d").asLong() + 1
                        && s.at("/jobs/total").asLong()
                                == before.at("/jobs/total").asLong() + 3
                        && jobs(s, "completed") == jobs(before, "completed") + 1
                        && voice(s, DEFAULT_VOICE).path("job_count").asLong()
                                == voice(before, DEFAULT_VOICE)
                                                .path("job_count")
                                                .asLong()
                                        + 3
                        && voice(s, DEFAULT_VOICE).path("completed").asLong()
                                == voice(before, DEFAULT_VOICE)
                                                .path("completed")
                                                .asLong()
                                        + 1,
                AdminFixtures.DONE);

        assertThat(after.at("/users/total").asLong())
                .isEqualTo(before.at("/users/total").asLong() + 1);
        assertThat(after.at("/users/active_30d").asLong())
                .isEqualTo(before.at("/users/active_30d").asLong() + 1);

        assertThat(after.at("/jobs/total").asLong())
                .isEqualTo(before.at("/jobs/total").asLong() + 3);
        Map<String, Integer> moved = Map.of("pending", 0, "processing", 0, "completed", 1, "failed", 1, "cancelled", 1);
        moved.forEach(
                (status, delta) -> assertThat(jobs(after, status)).as(status).isEqualTo(jobs(before, status) + delta));
        long completed = jobs(after, "completed");
        long failed = jobs(after, "failed");
        assertThat(after.at("/jobs/failure_rate").asDouble())
                .isCloseTo((double) failed / (completed + failed), within(1e-9));

        JsonNode time = after.at("/jobs/synthesis_time_ms");
        assertThat(time.get("measured_jobs").asLong())
                .isEqualTo(before.at("/jobs/synthesis_time_ms/measured_jobs").asLong() + 1);
        assertThat(time.get("p50").asLong())
                .isPositive()
                .isLessThanOrEqualTo(time.get("p95").asLong());

        JsonNode days = after.get("jobs_per_day");
        assertThat(days.size()).isEqualTo(30);
        assertThat(days.get(29).get("date").asText())
                .isIn(
                        LocalDate.now(ZoneOffset.UTC).toString(),
                        LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        assertThat(LocalDate.parse(days.get(0).get("date").asText()))
                .isEqualTo(LocalDate.parse(days.get(29).get("date").asText()).minusDays(29));
        assertThat(sum(days) - sum(before.get("jobs_per_day")))
                .as("three jobs created today")
                .isEqualTo(3);

        assertThat(after.get("audio_seconds_synthesised").asDouble())
                .isCloseTo(before.get("audio_seconds_synthesised").asDouble() + audioSeconds, within(1e-6));

        JsonNode voice = voice(after, DEFAULT_VOICE);
        assertThat(voice.isMissingNode())
                .as("the voice every test uses is among the top voices")
                .isFalse();
        assertThat(voice.get("name").asText())
                .isEqualTo(user.get("/api/v1/voice/models/" + DEFAULT_VOICE)
                        .data()
                        .get("name")
                        .asText());
        assertThat(voice.get("job_count").asLong())
                .isEqualTo(voice(before, DEFAULT_VOICE).path("job_count").asLong() + 3);
        assertThat(voice.get("failed").asLong())
                .isEqualTo(voice(before, DEFAULT_VOICE).path("failed").asLong() + 1);
        List<Long> usage = StreamSupport.stream(after.get("top_voices").spliterator(), false)
                .map(v -> v.get("job_count").asLong())
                .toList();
        assertThat(usage).hasSizeBetween(1, 10).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        assertThat(after.at("/samples/total").asLong())
                .isEqualTo(before.at("/samples/total").asLong() + 1);
        // Uploads are processed as they arrive, so the new sample may be in any state by now.
        assertThat(sum(after.at("/samples/by_status")))
                .isEqualTo(after.at("/samples/total").asLong());
        assertThat(after.at("/clones/total").asLong()).isEqualTo(sum(after.at("/clones/by_status")));

        JsonNode storage = after.get("storage");
        assertThat(storage.at("/audio_files/count").asLong())
                .isEqualTo(before.at("/storage/audio_files/count").asLong() + 1);
        assertThat(storage.at("/audio_files/bytes").asLong())
                .isEqualTo(before.at("/storage/audio_files/bytes").asLong() + audioBytes);
        assertThat(storage.at("/voice_samples/bytes").asLong())
                .isEqualTo(before.at("/storage/voice_samples/bytes").asLong() + wav.length);
        assertThat(storage.get("total_bytes").asLong())
                .isEqualTo(storage.at("/audio_files/bytes").asLong()
                        + storage.at("/voice_samples/bytes").asLong());
    }

    private static JsonNode stats(ApiClient admin) {
        ApiClient.Response r = admin.get("/api/v1/admin/stats");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    private static long jobs(JsonNode stats, String status) {
        return stats.at("/jobs/by_status/" + status).asLong();
    }

    /** The voice's entry among the top voices, or a missing node (counting as zero) when absent. */
    private static JsonNode voice(JsonNode stats, String voiceModelId) {
        return StreamSupport.stream(stats.get("top_voices").spliterator(), false)
                .filter(v -> v.get("voice_model_id").asText().equals(voiceModelId))
                .findFirst()
                .orElse(MissingNode.getInstance());
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode n : counts) {
            total += n.isObject() ? n.get("count").asLong() : n.asLong();
        }
        return total;
    }
}
