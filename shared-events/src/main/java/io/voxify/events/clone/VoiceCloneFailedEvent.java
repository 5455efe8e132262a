package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneFailedEvent(String cloneId, String reason, String errorCode) {}
