package io.voxify.events.library;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code ratingsId} is the user's ratings: {@code rat_<userId>}. {@code rating} is 1 to 5. */
public record RateVoiceCommand(
        @TargetAggregateIdentifier String ratingsId, String userId, String voiceModelId, int rating) {}
