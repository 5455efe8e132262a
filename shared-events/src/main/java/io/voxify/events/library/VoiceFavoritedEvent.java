package io.voxify.events.library;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceFavoritedEvent(String favoritesId, String userId, String voiceModelId) implements OwnedByUser {}
