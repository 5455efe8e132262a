package io.voxify.events.clone;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteVoiceCloneCommand(
        @TargetAggregateIdentifier String cloneId,
        int attempt,
        CloneProfile profile,
        CloneQuality quality,
        String vectorId,
        long processingTimeMs) {}
