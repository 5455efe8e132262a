package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A sign-in attempt. The aggregate checks the password against its hash and the account state,
 * so a disabled account is refused by the same rule wherever the attempt comes from.
 */
public record AuthenticateUserCommand(
        @TargetAggregateIdentifier String userId, String password, String clientAddress) {}
