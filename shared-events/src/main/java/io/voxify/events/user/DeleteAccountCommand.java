package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deletes an account: by its owner with their password, or by an administrator ({@code password} null,
 * {@code byAdministrator} true; the web layer checks the role).
 */
public record DeleteAccountCommand(
        @TargetAggregateIdentifier String userId, String password, String requestedBy, boolean byAdministrator) {}
