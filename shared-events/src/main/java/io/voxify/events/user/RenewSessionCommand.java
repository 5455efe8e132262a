package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the account itself (not a read model that may lag) whether a session may go on, and as
 * what: answered with a {@link SessionGrant}, or refused with {@code ACCOUNT_DISABLED}. Changes
 * nothing; sent when a refresh token is exchanged for a new access token.
 */
public record RenewSessionCommand(@TargetAggregateIdentifier String userId) {}
