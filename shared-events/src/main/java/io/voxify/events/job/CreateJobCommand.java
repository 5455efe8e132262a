package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateJobCommand(
        @TargetAggregateIdentifier String jobId,
        String userId,
        String text,
        String textLanguage,
        String textFormat,
        String voiceModelId,
        SynthesisSettings settings,
        String callbackUrl) {}
