package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A worker claims the job for one attempt; answered with the {@link JobWork} to do. */
public record StartJobCommand(@TargetAggregateIdentifier String jobId, int attempt, String workerId) {}
