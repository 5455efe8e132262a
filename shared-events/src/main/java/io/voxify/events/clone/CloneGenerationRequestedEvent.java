package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

/**
 * The clone's generation job: recorded with the clone (right after {@link VoiceCloneCreatedEvent}), it
 * names the fitting run that builds the voice and the parameters it runs with. Clones created before this
 * event existed have none, and were fitted with {@link CloneGenerationSettings#DEFAULT}.
 */
@Revision("1")
public record CloneGenerationRequestedEvent(
        String cloneId, String generationJobId, String userId, CloneGenerationSettings settings) {}
