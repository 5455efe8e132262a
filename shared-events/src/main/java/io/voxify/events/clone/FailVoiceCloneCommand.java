package io.voxify.events.clone;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FailVoiceCloneCommand(
        @TargetAggregateIdentifier String cloneId, String reason, String errorCode) {}
