package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training job written as a {@link TrainingJobResponse} is what the hand-built map wrote for the same job, key
 * for key and in order, nulls included; only the keys of each loss, which the map wrote in an order that changed
 * from one start of the JVM to the next, now keep the order the API document shows.
 */
class TrainingAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678912Z");
    private static final String TIME = "\"2026-01-02T03:04:05.678Z\"";
    private static final CloneQuality TRAINED =
            new CloneQuality(120.0, 121.5, 0.0125, 0.81, 0.3, 0.42, 0.77, "pitch+embedding");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPendingTrainingWritesNullsWhereTheMapHadThem() throws Exception {
        TrainingView pending = new TrainingView(
                "job_train_1",
                1,
                "user_1",
                "vs_1",
                "vc_1",
                new TrainingSettings(100, 0.001, 32, false),
                TrainingStatus.PENDING,
                0.0,
                0,
                List.of(),
                null,
                null,
                null,
                1799.2,
                null,
                AT,
                AT,
                null,
                null,
                true,
                null,
                null);
        assertThat(json.writeValueAsString(TrainingJobResponse.of(pending)))
                .isEqualTo("{\"training_job_id\":\"job_train_1\",\"estimated_duration\":1800,\"status\":\"pending\","
                        + "\"features\":{\"timestamp_alignment_enabled\":false,\"voice_quality_enhancement\":true},"
                        + "\"id\":\"job_train_1\",\"sample_id\":\"vs_1\",\"clone_id\":\"vc_1\",\"builds_clone\":true,"
                        + "\"progress\":0.0,\"config\":{\"epochs\":100,\"learning_rate\":0.001,\"batch_size\":32,"
                        + "\"enable_timestamp_alignment\":false},\"epochs_completed\":0,\"losses\":[],\"best_loss\":null,"
                        + "\"quality_score\":null,\"quality\":null,\"trained_profile\":null,\"error_message\":null,"
                        + "\"created_at\":" + TIME + ",\"updated_at\":" + TIME
                        + ",\"started_at\":null,\"completed_at\":null}");
    }

    @Test
    void aCompletedTrainingWritesItsLossesQualityAndProfile() throws Exception {
        TrainingView completed = new TrainingView(
                "job_train_2",
                9,
                "user_1",
                "vs_1",
                "vc_1",
                new TrainingSettings(2, 0.01, 16, true),
                TrainingStatus.COMPLETED,
                100.0,
                2,
                List.of(new TrainingView.EpochLoss(1, 0.5, 120L), new TrainingView.EpochLoss(2, 0.25, 240L)),
                0.25,
                new CloneProfile("en-us", 1.1, 0.9, 1.0, 1.05, 0.2, 1.3),
                TRAINED,
                30.0,
                null,
                AT,
                AT,
                AT,
                AT,
                false,
                new CloneQuality(120.0, 140.0, 0.2, 0.6, 0.3, 0.42, 0.5, "pitch+embedding"),
                true);
        assertThat(json.writeValueAsString(TrainingJobResponse.of(completed)))
                .isEqualTo("{\"training_job_id\":\"job_train_2\",\"estimated_duration\":30,\"status\":\"completed\","
                        + "\"features\":{\"timestamp_alignment_enabled\":true,\"voice_quality_enhancement\":true},"
                        + "\"id\":\"job_train_2\",\"sample_id\":\"vs_1\",\"clone_id\":\"vc_1\",\"builds_clone\":false,"
                        + "\"progress\":100.0,\"config\":{\"epochs\":2,\"learning_rate\":0.01,\"batch_size\":16,"
                        + "\"enable_timestamp_alignment\":true},\"epochs_completed\":2,"
                        + "\"losses\":[{\"epoch\":1,\"loss\":0.5,\"elapsed_ms\":120},"
                        + "{\"epoch\":2,\"loss\":0.25,\"elapsed_ms\":240}],"
                        + "\"best_loss\":0.25,\"quality_score\":0.77,\"quality\":{\"enhanced\":true,"
                        + "\"before\":{\"quality_score\":0.5,\"f0_relative_error\":0.2,\"embedding_similarity\":0.6,"
                        + "\"f0_median_hz\":140.0,\"target_f0_median_hz\":120.0},"
                        + "\"after\":{\"quality_score\":0.77,\"f0_relative_error\":0.0125,\"embedding_similarity\":0.81,"
                        + "\"f0_median_hz\":121.5,\"target_f0_median_hz\":120.0}},"
                        + "\"trained_profile\":{\"base_voice\":\"en-us\",\"pitch_factor\":1.1,\"pitch_range_factor\":0.9,"
                        + "\"speed_factor\":1.0,\"formant_scale\":1.05,\"breathiness\":0.2,\"pause_factor\":1.3},"
                        + "\"error_message\":null,\"created_at\":" + TIME + ",\"updated_at\":" + TIME
                        + ",\"started_at\":"
                        + TIME + ",\"completed_at\":" + TIME + "}");
    }

    @Test
    void aFailedTrainingWritesItsErrorAndAQualityWithNothingToCompare() throws Exception {
        TrainingView failed = new TrainingView(
                "job_train_3",
                4,
                "user_1",
                "vs_1",
                "vc_1",
                new TrainingSettings(1, 1.0, 512, false),
                TrainingStatus.FAILED,
                50.0,
                1,
                List.of(new TrainingView.EpochLoss(1, 2.0, 3L)),
                2.0,
                null,
                TRAINED,
                0.0,
                "boom",
                AT,
                AT,
                AT,
                AT,
                false,
                null,
                null);
        assertThat(json.writeValueAsString(TrainingJobResponse.of(failed)))
                .isEqualTo("{\"training_job_id\":\"job_train_3\",\"estimated_duration\":0,\"status\":\"failed\","
                        + "\"features\":{\"timestamp_alignment_enabled\":false,\"voice_quality_enhancement\":false},"
                        + "\"id\":\"job_train_3\",\"sample_id\":\"vs_1\",\"clone_id\":\"vc_1\",\"builds_clone\":false,"
                        + "\"progress\":50.0,\"config\":{\"epochs\":1,\"learning_rate\":1.0,\"batch_size\":512,"
                        + "\"enable_timestamp_alignment\":false},\"epochs_completed\":1,"
                        + "\"losses\":[{\"epoch\":1,\"loss\":2.0,\"elapsed_ms\":3}],\"best_loss\":2.0,"
                        + "\"quality_score\":0.77,\"quality\":{\"enhanced\":null,\"before\":null,"
                        + "\"after\":{\"quality_score\":0.77,\"f0_relative_error\":0.0125,\"embedding_similarity\":0.81,"
                        + "\"f0_median_hz\":121.5,\"target_f0_median_hz\":120.0}},\"trained_profile\":null,"
                        + "\"error_message\":\"boom\",\"created_at\":" + TIME + ",\"updated_at\":" + TIME
                        + ",\"started_at\":" + TIME + ",\"completed_at\":" + TIME + "}");
    }
}
