package io.voxify.events.library;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code favoritesId} is the user's favourites list: {@code fav_<userId>}. */
public record AddFavoriteVoiceCommand(
        @TargetAggregateIdentifier String favoritesId, String userId, String voiceModelId) {}
