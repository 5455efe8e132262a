package io.voxify.events.job;

import org.axonframework.serialization.Revision;

/** The job is gone for its owner; {@code output} (may be null) names the audio to remove. */
@Revision("1")
public record JobDeletedEvent(String jobId, String requestedBy, AudioOutput output) {}
