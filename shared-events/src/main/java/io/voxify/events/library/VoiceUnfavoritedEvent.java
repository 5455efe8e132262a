package io.voxify.events.library;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceUnfavoritedEvent(String favoritesId, String userId, String voiceModelId) {}
