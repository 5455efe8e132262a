package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FailJobCommand(@TargetAggregateIdentifier String jobId, String reason, String errorCode) {}
