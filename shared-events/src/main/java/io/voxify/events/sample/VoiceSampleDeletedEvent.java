package io.voxify.events.sample;

import io.voxify.events.privacy.ErasesKey;
import io.voxify.events.privacy.KeyScope;
import org.axonframework.serialization.Revision;

/** The recording is gone: {@code audio} and {@code vectorId} name what to remove. */
@Revision("1")
@ErasesKey(KeyScope.SAMPLE)
public record VoiceSampleDeletedEvent(
        String sampleId, String userId, String requestedBy, SampleAudio audio, String vectorId) {}
