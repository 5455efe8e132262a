package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

/** Revision 2: its profile has a pause factor. */
@Revision("2")
public record VoiceCloneRefinedEvent(
        String cloneId, String trainingJobId, CloneProfile profile, CloneQuality quality) {}
