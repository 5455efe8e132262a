package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelJobCommand(@TargetAggregateIdentifier String jobId, String requestedBy) {}
