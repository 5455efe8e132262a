package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneRefinedEvent(String cloneId, String trainingJobId, CloneProfile profile,
                                     CloneQuality quality) {
}
