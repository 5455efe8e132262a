package io.voxify.events.training;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refine {@code cloneId}'s profile against the features of {@code sampleId}. */
public record CreateTrainingJobCommand(@TargetAggregateIdentifier String trainingJobId, String userId, String sampleId,
                                       String cloneId, TrainingSettings settings, double estimatedSeconds) {
}
