package io.voxify.events.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import java.time.Instant;
import java.util.List;

/**
 * @param startQuality    the quality of the profile training started from, measured at its end; null until then
 * @param qualityEnhanced whether training measurably improved the voice; null until it is measured
 */
public record TrainingView(
        String trainingJobId,
        long version,
        String userId,
        String sampleId,
        String cloneId,
        TrainingSettings settings,
        TrainingStatus status,
        double progress,
        int epochsDone,
        List<EpochLoss> losses,
        Double bestLoss,
        CloneProfile bestProfile,
        CloneQuality quality,
        double estimatedSeconds,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        boolean buildsClone,
        CloneQuality startQuality,
        Boolean qualityEnhanced) {

    public record EpochLoss(int epoch, double loss, long elapsedMs) {}
}
