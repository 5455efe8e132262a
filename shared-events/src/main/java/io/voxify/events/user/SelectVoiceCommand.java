package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The voice a user's jobs use when they name none; null clears the choice. */
public record SelectVoiceCommand(@TargetAggregateIdentifier String userId, String voiceModelId) {}
