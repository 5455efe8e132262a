package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordJobProgressCommand(
        @TargetAggregateIdentifier String jobId, int attempt, double progress, String message) {}
