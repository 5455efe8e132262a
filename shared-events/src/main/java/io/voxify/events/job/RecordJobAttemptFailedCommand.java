package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An attempt went wrong; {@code retryable} says whether trying again could help. */
public record RecordJobAttemptFailedCommand(
        @TargetAggregateIdentifier String jobId, int attempt, String reason, String errorCode, boolean retryable) {}
