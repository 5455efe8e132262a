package io.voxify.events.sample;

import io.voxify.events.common.OwnedByUser;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceSampleUploadedEvent(
        String sampleId,
        String userId,
        @PersonalData(KeyScope.SAMPLE) String name,
        @PersonalData(KeyScope.SAMPLE) String description,
        String language,
        @PersonalData(KeyScope.SAMPLE) String transcript,
        SampleAudio audio)
        implements OwnedByUser {}
