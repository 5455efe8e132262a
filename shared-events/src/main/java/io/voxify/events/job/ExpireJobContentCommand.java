package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retention: a finished job older than {@code retentionDays} loses its text and audio. */
public record ExpireJobContentCommand(
        @TargetAggregateIdentifier String jobId, int retentionDays, Integer textLength, Integer wordCount) {}
