package io.voxify.events.training;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A worker claims the training job; answered with the {@link TrainingWork}. */
public record StartTrainingCommand(
        @TargetAggregateIdentifier String trainingJobId, String workerId) {}
