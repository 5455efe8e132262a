package io.voxify.events.sample;

import org.axonframework.serialization.Revision;

/** The recording is gone: {@code audio} and {@code vectorId} name what to remove. */
@Revision("1")
public record VoiceSampleDeletedEvent(
        String sampleId, String userId, String requestedBy, SampleAudio audio, String vectorId) {}
