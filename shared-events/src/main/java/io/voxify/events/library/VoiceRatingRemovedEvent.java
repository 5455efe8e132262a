package io.voxify.events.library;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceRatingRemovedEvent(String ratingsId, String userId, String voiceModelId) {}
