package io.voxify.gateway.voice;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The training endpoints' body and answer as the API document shows them. The controller reads the body field
 * by field (so that every bad or unknown field is named) and answers a {@link TrainingJobResponse} in the
 * envelope; these records only describe those shapes.
 */
final class TrainingSchemas {

    private TrainingSchemas() {}

    @Schema(name = "TrainingRequest", description = "Every field is optional; an unknown field is refused with 400.")
    record Request(
            @Schema(description = "How to train; a missing field takes the value of the API document's example")
            Config config,

            @Schema(
                    description = "The clone to train. By default the newest clone built from the sample (a ready "
                            + "one, else one still being built, which the training waits for); with none, a clone is "
                            + "created from the sample for the training",
                    example = "vc_1234567890")
            String clone_id,

            @Schema(
                    description = "Name of a clone created for the training (default: 'Trained from' and the "
                            + "sample's name)",
                    maxLength = 200)
            String name,

            @Schema(description = "Description of a clone created for the training", maxLength = 2000)
            String description) {}

    @Schema(name = "TrainingConfig", description = "An unknown field is refused with 400 naming it (config.<field>).")
    record Config(
            @Schema(
                    description = "Optimisation steps; the first only measures where the voice starts",
                    minimum = "1",
                    maximum = "1000",
                    defaultValue = "100",
                    example = "100")
            Integer epochs,

            @Schema(
                    description = "Adam's step size: about how far one step moves each of the voice's factors, in "
                            + "log units (0.001 is a 0.1 % change of its pitch, speed or formant scale)",
                    minimum = "0.00001",
                    maximum = "1",
                    defaultValue = "0.001",
                    example = "0.001")
            Double learning_rate,

            @Schema(
                    description = "How many half-second segments of the sample's speech each step aims at: the "
                            + "step's target pitch, timbre and rate are pooled over them. Small batches give noisy steps "
                            + "that wander; a batch as large as the sample (or larger) is all of it, every step",
                    minimum = "1",
                    maximum = "512",
                    defaultValue = "32",
                    example = "32")
            Integer batch_size,

            @Schema(
                    description = "Also fit the voice's timing to the speaker, so that the word timestamps of its "
                            + "speech follow the speaker's rhythm: its speed is trained towards the speaker's articulation "
                            + "rate (measured on the sample's own words when it has a transcript), and its pauses are set "
                            + "to the speaker's median pause. Without it, speed and pauses stay as they were",
                    defaultValue = "false",
                    example = "true")
            Boolean enable_timestamp_alignment) {}

    @Schema(name = "TrainingFeatures")
    record Features(
            @Schema(description = "The request's enable_timestamp_alignment")
            boolean timestamp_alignment_enabled,

            @Schema(
                    description = "Until the job completes: whether the run trains the voice's quality (its pitch, "
                            + "formants and breath against the sample), which every run of two epochs or more does. Once it "
                            + "has completed: whether that measurably improved the voice: its quality score (half pitch "
                            + "accuracy, half timbre similarity, on the check sentence against the sample) up by at least "
                            + "0.01 over the start's, with neither its F0 error nor its embedding similarity worse. False "
                            + "for a failed job")
            boolean voice_quality_enhancement) {}

    @Schema(name = "TrainingQualityMeasures")
    record Measures(
            double quality_score,
            double f0_relative_error,
            double embedding_similarity,
            double f0_median_hz,
            double target_f0_median_hz) {}

    @Schema(
            name = "TrainingQuality",
            description = "The start's and the result's quality, measured at the end "
                    + "of the run on the same check sentence against the same sample")
    record Quality(Boolean enhanced, Measures before, Measures after) {}

    @Schema(name = "TrainingLoss")
    record Loss(int epoch, double loss, long elapsed_ms) {}

    @Schema(name = "TrainingJob")
    record Job(
            @Schema(example = "job_train_7f3a9c2e") String training_job_id,

            @Schema(
                    description = "Whole seconds, rounded up: this machine's measured cost of the renderings the run "
                            + "makes (and of the clone's fit when it waits for one), of preparing the sample, of pooling "
                            + "each step's batch",
                    example = "1800")
            long estimated_duration,

            @Schema(
                    allowableValues = {"pending", "processing", "completed", "failed"},
                    example = "pending")
            String status,

            Features features,
            String id,
            String sample_id,

            @Schema(description = "The clone trained: created from the sample for this training, or refined")
            String clone_id,

            @Schema(description = "True when the clone was created from the sample for this training")
            boolean builds_clone,

            double progress,
            Config config,
            int epochs_completed,

            @Schema(description = "Each epoch's loss against the whole sample")
            List<Loss> losses,

            Double best_loss,
            Double quality_score,
            Quality quality,

            @Schema(description = "The profile the training found, speed and pause factor included")
            Object trained_profile,

            String error_message,
            @Schema(format = "date-time") String created_at,
            @Schema(format = "date-time") String updated_at,
            @Schema(format = "date-time") String started_at,
            @Schema(format = "date-time") String completed_at) {}

    @Schema(name = "TrainingJobEnvelope", description = "The envelope with the training job as its data")
    record JobEnvelope(
            boolean success,
            Job data,

            @Schema(example = "Voice training job created with timestamp alignment support")
            String message,

            @Schema(format = "date-time") String timestamp) {}
}
