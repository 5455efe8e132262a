package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneDeletedEvent(String cloneId, String userId, String requestedBy, String vectorId) {}
