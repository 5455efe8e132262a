package io.voxify.events.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code startQuality}: the profile the training started from, measured in the same run as {@code quality}. */
public record CompleteTrainingCommand(
        @TargetAggregateIdentifier String trainingJobId,
        CloneProfile bestProfile,
        double bestLoss,
        CloneQuality quality,
        long processingTimeMs,
        CloneQuality startQuality) {}
