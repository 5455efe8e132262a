package io.voxify.events.sample;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceSampleUploadedEvent(
        String sampleId,
        String userId,
        String name,
        String description,
        String language,
        String transcript,
        SampleAudio audio)
        implements OwnedByUser {}
