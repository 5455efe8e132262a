package io.voxify.events.library;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveFavoriteVoiceCommand(
        @TargetAggregateIdentifier String favoritesId, String userId, String voiceModelId) {}
