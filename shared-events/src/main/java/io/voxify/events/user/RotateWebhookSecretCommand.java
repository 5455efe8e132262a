package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the user's webhook signing secret with a new one; answers the new secret's generation. */
public record RotateWebhookSecretCommand(
        @TargetAggregateIdentifier String userId) {}
