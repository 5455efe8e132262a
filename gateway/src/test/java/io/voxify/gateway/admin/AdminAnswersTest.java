package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.admin.PlatformStats;
import io.voxify.events.admin.UserSummary;
import io.voxify.events.job.JobStatus;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserView;
import io.voxify.gateway.file.OrphanBlobSweeper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The administrators' answers, once hand-built maps, now records: each writes the text the map wrote for the same
 * figures (recorded from the maps before they were replaced), keys in the same order, nulls included.
 */
class AdminAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final String TIME = "\"2026-01-02T03:04:05.678Z\"";
    private static final Function<String, String> SHARED_NAMES = id -> id.equals("preset_x") ? "Preset X" : null;

    private final ObjectMapper json = new ObjectMapper();

    private static Map<JobStatus, Long> threeCompletedOneFailed() {
        Map<JobStatus, Long> jobs = new EnumMap<>(JobStatus.class);
        jobs.put(JobStatus.COMPLETED, 3L);
        jobs.put(JobStatus.FAILED, 1L);
        return jobs;
    }

    @Test
    void busyStatisticsWriteTheirKeysInTheOrderTheMapHad() throws Exception {
        PlatformStats stats = new PlatformStats(
                AT,
                5,
                2,
                threeCompletedOneFailed(),
                List.of(
                        new PlatformStats.DayCount(LocalDate.of(2026, 1, 1), 0),
                        new PlatformStats.DayCount(LocalDate.of(2026, 1, 2), 4)),
                new PlatformStats.SynthesisTime(3, 1200L, 2500L),
                12.0,
                List.of(
                        new PlatformStats.VoiceUsage("preset_x", null, 3, 2, 1, 7.5),
                        new PlatformStats.VoiceUsage("vc_1", "Mine", 1, 1, 0, 4.0),
                        new PlatformStats.VoiceUsage("vc_gone", null, 1, 0, 0, 0.0)),
                Map.of(SampleStatus.PROCESSED, 2L),
                Map.of(),
                new PlatformStats.Storage(3, 3000, 2, 500));
        assertThat(json.writeValueAsString(AdminStatsResponse.of(stats, SHARED_NAMES)))
                .isEqualTo("{\"generated_at\":" + TIME + ",\"users\":{\"total\":5,\"active_30d\":2},"
                        + "\"jobs\":{\"total\":4,\"by_status\":{\"pending\":0,\"processing\":0,\"completed\":3,"
                        + "\"failed\":1,\"cancelled\":0},\"failure_rate\":0.25,"
                        + "\"synthesis_time_ms\":{\"p50\":1200,\"p95\":2500,\"measured_jobs\":3}},"
                        + "\"jobs_per_day\":[{\"date\":\"2026-01-01\",\"count\":0},{\"date\":\"2026-01-02\",\"count\":4}],"
                        + "\"audio_seconds_synthesised\":12.0,"
                        + "\"top_voices\":[{\"voice_model_id\":\"preset_x\",\"name\":\"Preset X\",\"job_count\":3,"
                        + "\"completed\":2,\"failed\":1,\"audio_seconds\":7.5},"
                        + "{\"voice_model_id\":\"vc_1\",\"name\":\"Mine\",\"job_count\":1,\"completed\":1,\"failed\":0,"
                        + "\"audio_seconds\":4.0},"
                        + "{\"voice_model_id\":\"vc_gone\",\"name\":null,\"job_count\":1,\"completed\":0,\"failed\":0,"
                        + "\"audio_seconds\":0.0}],"
                        + "\"samples\":{\"total\":2,\"by_status\":{\"uploaded\":0,\"processing\":0,\"processed\":2,"
                        + "\"rejected\":0}},"
                        + "\"clones\":{\"total\":0,\"by_status\":{\"pending\":0,\"training\":0,\"ready\":0,\"failed\":0}},"
                        + "\"storage\":{\"audio_files\":{\"count\":3,\"bytes\":3000},"
                        + "\"voice_samples\":{\"count\":2,\"bytes\":500},\"total_bytes\":3500}}");
    }

    @Test
    void statisticsOfAnEmptyPlatformWriteNullsWhereTheMapHadThem() throws Exception {
        PlatformStats stats = new PlatformStats(
                AT,
                0,
                0,
                Map.of(),
                List.of(),
                new PlatformStats.SynthesisTime(0, null, null),
                0.0,
                List.of(),
                Map.of(),
                Map.of(),
                new PlatformStats.Storage(0, 0, 0, 0));
        assertThat(json.writeValueAsString(AdminStatsResponse.of(stats, SHARED_NAMES)))
                .isEqualTo("{\"generated_at\":" + TIME + ",\"users\":{\"total\":0,\"active_30d\":0},"
                        + "\"jobs\":{\"total\":0,\"by_status\":{\"pending\":0,\"processing\":0,\"completed\":0,"
                        + "\"failed\":0,\"cancelled\":0},\"failure_rate\":null,"
                        + "\"synthesis_time_ms\":{\"p50\":null,\"p95\":null,\"measured_jobs\":0}},"
                        + "\"jobs_per_day\":[],\"audio_seconds_synthesised\":0.0,\"top_voices\":[],"
                        + "\"samples\":{\"total\":0,\"by_status\":{\"uploaded\":0,\"processing\":0,\"processed\":0,"
                        + "\"rejected\":0}},"
                        + "\"clones\":{\"total\":0,\"by_status\":{\"pending\":0,\"training\":0,\"ready\":0,\"failed\":0}},"
                        + "\"storage\":{\"audio_files\":{\"count\":0,\"bytes\":0},"
                        + "\"voice_samples\":{\"count\":0,\"bytes\":0},\"total_bytes\":0}}");
    }

    @Test
    void aListedAccountWritesTheProfileKeysInlineThenWhatItHolds() throws Exception {
        UserView admin =
                new UserView("user_2", "c@d.co", "Ann", "Lee", Role.ADMIN, false, AT, AT, AT, "preset_x", 1, null);
        assertThat(json.writeValueAsString(
                        UserSummaryResponse.of(new UserSummary(admin, AT, threeCompletedOneFailed(), 2, 1))))
                .isEqualTo("{\"id\":\"user_2\",\"email\":\"c@d.co\",\"first_name\":\"Ann\",\"last_name\":\"Lee\","
                        + "\"role\":\"admin\",\"is_active\":false,\"created_at\":" + TIME + ",\"updated_at\":" + TIME
                        + ",\"last_login_at\":" + TIME + ",\"selected_voice_id\":\"preset_x\",\"last_active_at\":"
                        + TIME + ",\"job_count\":4,\"jobs_by_status\":{\"pending\":0,\"processing\":0,"
                        + "\"completed\":3,\"failed\":1,\"cancelled\":0},\"sample_count\":2,\"clone_count\":1}");
    }

    @Test
    void anIdleListedAccountWritesNullsWhereTheMapHadThem() throws Exception {
        UserView never = new UserView("user_1", "a@b.co", null, null, Role.USER, true, AT, AT, null, null, 0, null);
        assertThat(json.writeValueAsString(UserSummaryResponse.of(new UserSummary(never, null, Map.of(), 0, 0))))
                .isEqualTo("{\"id\":\"user_1\",\"email\":\"a@b.co\",\"first_name\":null,\"last_name\":null,"
                        + "\"role\":\"user\",\"is_active\":true,\"created_at\":" + TIME + ",\"updated_at\":" + TIME
                        + ",\"last_login_at\":null,\"selected_voice_id\":null,\"last_active_at\":null,"
                        + "\"job_count\":0,\"jobs_by_status\":{\"pending\":0,\"processing\":0,\"completed\":0,"
                        + "\"failed\":0,\"cancelled\":0},\"sample_count\":0,\"clone_count\":0}");
    }

    @Test
    void aSweepWritesItsKeysInTheOrderTheMapHadWithANullReasonWhenItRan() throws Exception {
        assertThat(json.writeValueAsString(SweepResponse.of(
                        new OrphanBlobSweeper.Result(true, null, 10, 7, 1, 0, 2, 4096, AT, AT.plusMillis(250)))))
                .isEqualTo("{\"swept\":true,\"skipped_because\":null,\"listed\":10,\"kept\":7,\"too_young\":1,"
                        + "\"unchecked\":0,\"deleted\":2,\"deleted_bytes\":4096,\"started_at\":" + TIME
                        + ",\"finished_at\":\"2026-01-02T03:04:05.928Z\"}");
        assertThat(json.writeValueAsString(SweepResponse.of(
                        new OrphanBlobSweeper.Result(false, "projection jobs is replaying", 0, 0, 0, 0, 0, 0, AT, AT))))
                .isEqualTo("{\"swept\":false,\"skipped_because\":\"projection jobs is replaying\",\"listed\":0,"
                        + "\"kept\":0,\"too_young\":0,\"unchecked\":0,\"deleted\":0,\"deleted_bytes\":0,"
                        + "\"started_at\":" + TIME + ",\"finished_at\":" + TIME + "}");
    }

    @Test
    void aProjectionWritesItsKeysInTheOrderTheMapHadNullsIncluded() throws Exception {
        assertThat(json.writeValueAsString(ProjectionResponse.of(new ProjectionStatus(
                        "jobs",
                        ProjectionStatus.Kind.PROJECTION,
                        true,
                        ProjectionStatus.State.REPLAYING,
                        null,
                        42,
                        42,
                        null,
                        null,
                        null))))
                .isEqualTo("{\"name\":\"jobs\",\"kind\":\"projection\",\"replayable\":true,\"status\":\"replaying\","
                        + "\"position\":null,\"head\":42,\"lag\":42,\"replay_progress\":null,\"dead_letters\":null,"
                        + "\"error\":null}");
        assertThat(json.writeValueAsString(ProjectionResponse.of(new ProjectionStatus(
                        "SynthesisSagaProcessor",
                        ProjectionStatus.Kind.SAGA,
                        false,
                        ProjectionStatus.State.ERROR,
                        40L,
                        42,
                        2,
                        0.5,
                        3L,
                        "boom"))))
                .isEqualTo("{\"name\":\"SynthesisSagaProcessor\",\"kind\":\"saga\",\"replayable\":false,"
                        + "\"status\":\"error\",\"position\":40,\"head\":42,\"lag\":2,\"replay_progress\":0.5,"
                        + "\"dead_letters\":3,\"error\":\"boom\"}");
    }

    @Test
    void aSettingsDescriptionWritesItsKeysInTheOrderTheMapHadWithNullsForBoundsThatDoNotApply() throws Exception {
        assertThat(json.writeValueAsString(new SettingSchemaResponse(
                        "max_text_length", "integer", "Max text", "Longest text", 5000L, 1L, 10000L, null, null)))
                .isEqualTo("{\"name\":\"max_text_length\",\"type\":\"integer\",\"label\":\"Max text\","
                        + "\"description\":\"Longest text\",\"default\":5000,\"min\":1,\"max\":10000,"
                        + "\"max_length\":null,\"allowed_values\":null}");
        assertThat(json.writeValueAsString(new SettingSchemaResponse(
                        "registration_open", "boolean", "Open", "Anyone may sign up", true, null, null, null, null)))
                .isEqualTo("{\"name\":\"registration_open\",\"type\":\"boolean\",\"label\":\"Open\","
                        + "\"description\":\"Anyone may sign up\",\"default\":true,\"min\":null,\"max\":null,"
                        + "\"max_length\":null,\"allowed_values\":null}");
        assertThat(json.writeValueAsString(new SettingSchemaResponse(
                        "default_voice_id",
                        "string",
                        "Voice",
                        "The voice",
                        "preset_x",
                        null,
                        null,
                        64,
                        List.of("preset_x", "neural_y"))))
                .isEqualTo("{\"name\":\"default_voice_id\",\"type\":\"string\",\"label\":\"Voice\","
                        + "\"description\":\"The voice\",\"default\":\"preset_x\",\"min\":null,\"max\":null,"
                        + "\"max_length\":64,\"allowed_values\":[\"preset_x\",\"neural_y\"]}");
    }
}
