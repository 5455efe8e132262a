package io.voxify.events.library;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

/** The user's rating of the voice is now {@code rating} (1 to 5), whatever it was before. */
@Revision("1")
public record VoiceRatedEvent(String ratingsId, String userId, String voiceModelId, int rating)
        implements OwnedByUser {}
