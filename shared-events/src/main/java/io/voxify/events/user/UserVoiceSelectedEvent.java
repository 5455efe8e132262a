package io.voxify.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserVoiceSelectedEvent(String userId, String voiceModelId) {}
