package io.voxify.events.clone;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the fitting worker after each step; a step at or behind the last one recorded changes nothing. */
public record RecordCloneFittingProgressCommand(
        @TargetAggregateIdentifier String cloneId, int attempt, int step, int steps, String stage) {}
