package io.voxify.events.job;

import io.voxify.events.privacy.ErasesKey;
import io.voxify.events.privacy.KeyScope;
import org.axonframework.serialization.Revision;

/** The job is gone for its owner; {@code output} (may be null) names the audio to remove. */
@Revision("1")
@ErasesKey(KeyScope.JOB)
public record JobDeletedEvent(String jobId, String requestedBy, AudioOutput output) {}
