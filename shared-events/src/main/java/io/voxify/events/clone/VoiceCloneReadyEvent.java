package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

/** Revision 2: its profile has a pause factor. */
@Revision("2")
public record VoiceCloneReadyEvent(
        String cloneId,
        String userId,
        CloneProfile profile,
        CloneQuality quality,
        String vectorId,
        long processingTimeMs) {}
