package io.voxify.events.clone;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A worker claims the clone; answered with the clone's sample ids, user and language. */
public record StartCloneFittingCommand(
        @TargetAggregateIdentifier String cloneId, int attempt, String workerId) {}
