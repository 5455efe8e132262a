package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingView;
import io.voxify.gateway.web.Envelope;
import java.util.List;

/**
 * A training job as its creation and {@code GET /api/v1/voice/training/{id}} answer it, in the order clients have
 * always seen the keys. Its id appears twice ({@code training_job_id}, {@code id}). {@link TrainingSchemas} holds
 * how the API document describes it.
 *
 * @param estimatedDuration whole seconds, rounded up
 * @param bestLoss          null until an epoch has run
 * @param qualityScore      the trained voice's, null until the run has measured it
 * @param quality           null until the run has measured the trained voice
 * @param trainedProfile    null until an epoch has found a profile
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingJobResponse(
        String trainingJobId,
        long estimatedDuration,
        String status,
        Features features,
        String id,
        String sampleId,
        String cloneId,
        boolean buildsClone,
        double progress,
        Config config,
        int epochsCompleted,
        List<Loss> losses,
        Double bestLoss,
        Double qualityScore,
        Quality quality,
        CloneProfileResponse trainedProfile,
        String errorMessage,
        String createdAt,
        String updatedAt,
        String startedAt,
        String completedAt) {

    public static TrainingJobResponse of(TrainingView t) {
        return new TrainingJobResponse(
                t.trainingJobId(),
                (long) Math.ceil(t.estimatedSeconds()),
                t.status().wireName(),
                new Features(t.settings().timestampAlignment(), qualityEnhancement(t)),
                t.trainingJobId(),
                t.sampleId(),
                t.cloneId(),
                t.buildsClone(),
                t.progress(),
                Config.of(t.settings()),
                t.epochsDone(),
                t.losses().stream().map(Loss::of).toList(),
                t.bestLoss(),
                t.quality() == null ? null : t.quality().qualityScore(),
                t.quality() == null
                        ? null
                        : new Quality(t.qualityEnhanced(), Measures.of(t.startQuality()), Measures.of(t.quality())),
                CloneProfileResponse.of(t.bestProfile()),
                t.errorMessage(),
                Envelope.iso(t.createdAt()),
                Envelope.iso(t.updatedAt()),
                Envelope.iso(t.startedAt()),
                Envelope.iso(t.completedAt()));
    }

    /**
     * Before completion, whether the run trains the voice's quality at all; after, whether it measurably improved
     * it (false for a failed run, and for a run completed before it was measured).
     */
    static boolean qualityEnhancement(TrainingView t) {
        return switch (t.status()) {
            case PENDING, PROCESSING -> t.settings().epochs() >= 2;
            case COMPLETED -> Boolean.TRUE.equals(t.qualityEnhanced());
            case FAILED -> false;
        };
    }

    /** What the run does besides fitting the voice's pitch and timbre. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Features(boolean timestampAlignmentEnabled, boolean voiceQualityEnhancement) {}

    /** The settings the job trains with, under the names the request gave them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(int epochs, double learningRate, int batchSize, boolean enableTimestampAlignment) {
        static Config of(TrainingSettings s) {
            return new Config(s.epochs(), s.learningRate(), s.batchSize(), s.timestampAlignment());
        }
    }

    /**
     * One epoch's loss against the whole sample. The map this replaced wrote its three keys in an order that
     * changed from one start of the JVM to the next; this is the order the API document shows.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Loss(int epoch, double loss, long elapsedMs) {
        static Loss of(TrainingView.EpochLoss l) {
            return new Loss(l.epoch(), l.loss(), l.elapsedMs());
        }
    }

    /**
     * The voice's quality where training started and where it ended, measured together at the end of the run.
     *
     * @param enhanced null for a run that ended before comparing them
     * @param before   null for a run that ended before measuring where it started
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Quality(Boolean enhanced, Measures before, Measures after) {}

    /** One quality measurement of a voice against the sample. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Measures(
            double qualityScore,
            double f0RelativeError,
            double embeddingSimilarity,
            double f0MedianHz,
            double targetF0MedianHz) {

        static Measures of(CloneQuality q) {
            return q == null
                    ? null
                    : new Measures(
                            q.qualityScore(),
                            q.f0RelativeError(),
                            q.embeddingSimilarity(),
                            q.f0MedianHz(),
                            q.targetF0MedianHz());
        }
    }
}
