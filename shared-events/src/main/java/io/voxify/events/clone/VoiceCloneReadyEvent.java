package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneReadyEvent(String cloneId, String userId, CloneProfile profile, CloneQuality quality,
                                   String vectorId, long processingTimeMs) {
}
