package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.clone.CloneFitQuality;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import io.voxify.events.training.TrainingView.EpochLoss;
import io.voxify.gateway.voice.CloneGenerationProgress;
import io.voxify.gateway.voice.TrainingProgress;
import io.voxify.gateway.web.sse.StreamEnd;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The progress streams' payloads, state by state, are byte for byte what the hand-built maps wrote: every
 * expected text here was written by those maps for these very views before the records replaced them, keys that
 * came and went by state included. A state is sent only when it differs from the one before in more than its time.
 */
class ProgressPayloadsTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678912Z");
    private static final String LATER = "2026-01-02T03:04:06.000Z";
    private static final String SENTENCE = "Synthesizing sentence 2 of 3";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aJobWritesItsAudioOnlyOnceItHasItAndItsErrorOnlyWhenItHasOne() throws Exception {
        assertThat(write(JobProgress.of(job(JobStatus.PENDING, 0.0, null, null, null, null))))
                .isEqualTo("{\"job_id\":\"job_1\",\"progress\":0.0,\"status\":\"pending\",\"message\":null,"
                        + "\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(JobProgress.of(job(JobStatus.PROCESSING, 40.0, SENTENCE, null, null, null))))
                .isEqualTo("{\"job_id\":\"job_1\",\"progress\":40.0,\"status\":\"processing\","
                        + "\"message\":\"Synthesizing sentence 2 of 3\",\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(JobProgress.of(job(JobStatus.COMPLETED, 100.0, "Done", "fil_1", 2.0, null))))
                .isEqualTo("{\"job_id\":\"job_1\",\"progress\":100.0,\"status\":\"completed\",\"message\":\"Done\","
                        + "\"output_file_path\":\"/api/v1/files/audio/fil_1\",\"duration\":2.0,"
                        + "\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(JobProgress.of(job(JobStatus.FAILED, 40.0, SENTENCE, null, null, "boom"))))
                .isEqualTo("{\"job_id\":\"job_1\",\"progress\":40.0,\"status\":\"failed\","
                        + "\"message\":\"Synthesizing sentence 2 of 3\",\"error_message\":\"boom\","
                        + "\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(JobProgress.of(job(JobStatus.CANCELLED, 40.0, null, null, null, null))))
                .isEqualTo("{\"job_id\":\"job_1\",\"progress\":40.0,\"status\":\"cancelled\",\"message\":null,"
                        + "\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
    }

    @Test
    void aJobWithItsAudioButNoDurationYetWritesTheDurationAsNull() throws Exception {
        assertThat(write(JobProgress.of(job(JobStatus.COMPLETED, 100.0, "Done", "fil_1", null, null))))
                .isEqualTo("{\"job_id\":\"job_1\",\"progress\":100.0,\"status\":\"completed\",\"message\":\"Done\","
                        + "\"output_file_path\":\"/api/v1/files/audio/fil_1\",\"duration\":null,"
                        + "\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
    }

    @Test
    void aTrainingWritesItsLastLossAsNullBeforeTheFirstEpochAndItsErrorOnlyWhenItHasOne() throws Exception {
        EpochLoss first = new EpochLoss(1, 0.5, 1200);
        assertThat(write(TrainingProgress.of(training(TrainingStatus.PENDING, 0.0, 0, List.of(), null, null))))
                .isEqualTo("{\"training_job_id\":\"job_train_1\",\"status\":\"pending\",\"progress\":0.0,"
                        + "\"epoch\":0,\"epochs\":3,\"loss\":null,\"best_loss\":null}");
        assertThat(write(TrainingProgress.of(training(TrainingStatus.PROCESSING, 33.3, 1, List.of(first), 0.5, null))))
                .isEqualTo("{\"training_job_id\":\"job_train_1\",\"status\":\"processing\",\"progress\":33.3,"
                        + "\"epoch\":1,\"epochs\":3,\"loss\":0.5,\"best_loss\":0.5}");
        assertThat(write(TrainingProgress.of(training(
                        TrainingStatus.COMPLETED,
                        100.0,
                        3,
                        List.of(first, new EpochLoss(2, 0.25, 1100), new EpochLoss(3, 0.3, 1000)),
                        0.25,
                        null))))
                .isEqualTo("{\"training_job_id\":\"job_train_1\",\"status\":\"completed\",\"progress\":100.0,"
                        + "\"epoch\":3,\"epochs\":3,\"loss\":0.3,\"best_loss\":0.25}");
        assertThat(write(TrainingProgress.of(
                        training(TrainingStatus.FAILED, 33.3, 1, List.of(first), 0.5, "out of memory"))))
                .isEqualTo(
                        "{\"training_job_id\":\"job_train_1\",\"status\":\"failed\",\"progress\":33.3,"
                                + "\"epoch\":1,\"epochs\":3,\"loss\":0.5,\"best_loss\":0.5,\"error_message\":\"out of memory\"}");
    }

    @Test
    void aGenerationWritesItsQualityOnlyOnceMeasuredAndItsErrorOnlyWhenItHasOne() throws Exception {
        String ids = "{\"job_id\":\"job_gen_1\",\"generation_job_id\":\"job_gen_1\",\"clone_id\":\"vc_1\",";
        assertThat(write(CloneGenerationProgress.of(generation(CloneStatus.PENDING, 0.0, 0, null, null, null))))
                .isEqualTo(ids + "\"progress\":0.0,\"status\":\"pending\",\"message\":null,\"step\":0,\"steps\":8,"
                        + "\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(CloneGenerationProgress.of(
                        generation(CloneStatus.TRAINING, 37.5, 3, "fitting pitch", null, null))))
                .isEqualTo(ids + "\"progress\":37.5,\"status\":\"processing\",\"message\":\"fitting pitch\","
                        + "\"step\":3,\"steps\":8,\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(CloneGenerationProgress.of(
                        generation(CloneStatus.READY, 100.0, 8, "done", quality(0.87), null))))
                .isEqualTo(ids + "\"progress\":100.0,\"status\":\"completed\",\"message\":\"done\",\"step\":8,"
                        + "\"steps\":8,\"quality_score\":0.87,\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
        assertThat(write(CloneGenerationProgress.of(
                        generation(CloneStatus.FAILED, 37.5, 3, "fitting pitch", null, "no voice found"))))
                .isEqualTo(
                        ids + "\"progress\":37.5,\"status\":\"failed\",\"message\":\"fitting pitch\",\"step\":3,"
                                + "\"steps\":8,\"error_message\":\"no voice found\",\"updated_at\":\"2026-01-02T03:04:05.678Z\"}");
    }

    /**
     * The maps wrote these with {@code Map.of}, whose order of two keys changes from one start of the JVM to the
     * next; the records write {@code event} first, one of the orders clients saw.
     */
    @Test
    void aStreamEndsWithCompleteOrItsFinalStatusAsEventAndStatus() throws Exception {
        assertThat(write(StreamEnd.complete())).isEqualTo("{\"event\":\"complete\"}");
        assertThat(write(StreamEnd.endedAs("failed"))).isEqualTo("{\"event\":\"failed\",\"status\":\"failed\"}");
        assertThat(write(StreamEnd.endedAs("cancelled")))
                .isEqualTo("{\"event\":\"cancelled\",\"status\":\"cancelled\"}");
    }

    @Test
    void statesThatDifferOnlyInTheirTimeAreTheSameStateAndAnyOtherDifferenceIsNot() {
        JobProgress job = JobProgress.of(job(JobStatus.PROCESSING, 40.0, SENTENCE, null, null, null));
        JobProgress later =
                new JobProgress(job.jobId(), job.progress(), job.status(), job.message(), null, null, LATER);
        assertThat(later.withoutTime()).isEqualTo(job.withoutTime());
        assertThat(JobProgress.of(job(JobStatus.PROCESSING, 41.0, SENTENCE, null, null, null))
                        .withoutTime())
                .isNotEqualTo(job.withoutTime());
        assertThat(JobProgress.of(job(JobStatus.COMPLETED, 100.0, "Done", "fil_1", null, null))
                        .withoutTime())
                .isNotEqualTo(JobProgress.of(job(JobStatus.COMPLETED, 100.0, "Done", "fil_1", 2.0, null))
                        .withoutTime());

        CloneGenerationProgress step =
                CloneGenerationProgress.of(generation(CloneStatus.TRAINING, 37.5, 3, "fitting pitch", null, null));
        CloneGenerationProgress stepLater = new CloneGenerationProgress(
                step.jobId(),
                step.generationJobId(),
                step.cloneId(),
                step.progress(),
                step.status(),
                step.message(),
                step.step(),
                step.steps(),
                step.qualityScore(),
                step.errorMessage(),
                LATER);
        assertThat(stepLater.withoutTime()).isEqualTo(step.withoutTime());
        assertThat(CloneGenerationProgress.of(generation(CloneStatus.TRAINING, 37.5, 3, "fitting base", null, null))
                        .withoutTime())
                .isNotEqualTo(step.withoutTime());

        TrainingProgress epoch =
                TrainingProgress.of(training(TrainingStatus.PROCESSING, 33.3, 1, List.of(), 0.5, null));
        assertThat(epoch.withoutTime())
                .isEqualTo(TrainingProgress.of(training(TrainingStatus.PROCESSING, 33.3, 1, List.of(), 0.5, null))
                        .withoutTime());
        assertThat(TrainingProgress.of(training(TrainingStatus.PROCESSING, 33.3, 1, List.of(), 0.4, null))
                        .withoutTime())
                .isNotEqualTo(epoch.withoutTime());
    }

    private String write(Object payload) throws Exception {
        return json.writeValueAsString(payload);
    }

    private static JobView job(
            JobStatus status, double progress, String message, String fileId, Double duration, String error) {
        return new JobView(
                "job_1",
                3,
                "usr_1",
                "preset_x",
                "hello",
                "h",
                "en-US",
                "text",
                5,
                1,
                status,
                progress,
                message,
                new SynthesisSettings(1.0, 1.0, 1.0, "wav", 22050, "neutral", false, "word", Map.of()),
                fileId,
                duration,
                List.of(),
                error,
                error == null ? null : "X",
                1,
                AT,
                AT,
                AT,
                null,
                null,
                null,
                null,
                null);
    }

    private static TrainingView training(
            TrainingStatus status, double progress, int epochsDone, List<EpochLoss> losses, Double best, String error) {
        return new TrainingView(
                "job_train_1",
                4,
                "usr_1",
                "smp_1",
                "vc_1",
                new TrainingSettings(3, 0.001, 32, false),
                status,
                progress,
                epochsDone,
                losses,
                best,
                null,
                null,
                12.5,
                error,
                AT,
                AT,
                AT,
                null,
                false,
                null,
                null);
    }

    private static CloneView generation(
            CloneStatus status, double progress, int step, String stage, CloneQuality quality, String error) {
        return new CloneView(
                "vc_1",
                5,
                "usr_1",
                "Mine",
                null,
                "en",
                List.of("smp_1"),
                status,
                quality == null ? null : new CloneProfile("preset_x", 1.0, 1.0, 1.0, 1.0, 0.0, null),
                quality,
                null,
                error,
                AT,
                AT,
                null,
                null,
                new CloneGeneration(
                        "job_gen_1",
                        new CloneGenerationSettings("preset_x", CloneFitQuality.BALANCED),
                        progress,
                        step,
                        8,
                        stage,
                        AT,
                        null));
    }

    private static CloneQuality quality(double score) {
        return new CloneQuality(180.0, 178.0, 0.01, 0.9, 0.2, 0.5, score, "fit");
    }
}
