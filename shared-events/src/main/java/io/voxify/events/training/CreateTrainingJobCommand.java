package io.voxify.events.training;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Train {@code cloneId}'s profile against the recording of {@code sampleId}; {@code buildsClone} when the clone was
 * just created from the sample for this training.
 */
public record CreateTrainingJobCommand(
        @TargetAggregateIdentifier String trainingJobId,
        String userId,
        String sampleId,
        String cloneId,
        TrainingSettings settings,
        double estimatedSeconds,
        boolean buildsClone,
        int sentencesPerEpoch) {}
