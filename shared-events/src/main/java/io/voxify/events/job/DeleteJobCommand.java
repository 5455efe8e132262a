package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteJobCommand(@TargetAggregateIdentifier String jobId, String requestedBy) {}
