package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the job's text, language, settings and callback URL (null: none); the gateway merges a partial request first. */
public record UpdateJobCommand(
        @TargetAggregateIdentifier String jobId,
        String text,
        String textLanguage,
        SynthesisSettings settings,
        String callbackUrl) {}
