package io.voxify.events.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the job's text, language and settings; the gateway merges a partial request first. */
public record UpdateJobCommand(@TargetAggregateIdentifier String jobId, String text, String textLanguage,
                               SynthesisSettings settings) {
}
