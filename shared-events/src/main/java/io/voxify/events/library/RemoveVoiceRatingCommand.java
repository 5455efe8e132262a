package io.voxify.events.library;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveVoiceRatingCommand(
        @TargetAggregateIdentifier String ratingsId, String userId, String voiceModelId) {}
