package io.voxify.events.clone;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteVoiceCloneCommand(
        @TargetAggregateIdentifier String cloneId, String requestedBy) {}
