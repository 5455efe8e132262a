package io.voxify.events.clone;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** Revision 2: its profile has a pause factor. */
@Revision("2")
public record VoiceCloneReadyEvent(
        String cloneId,
        String userId,
        @PersonalData(KeyScope.CLONE) CloneProfile profile,
        CloneQuality quality,
        String vectorId,
        long processingTimeMs) {}
