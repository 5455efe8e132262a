package io.voxify.events.training;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FailTrainingCommand(@TargetAggregateIdentifier String trainingJobId, String reason, String errorCode) {}
