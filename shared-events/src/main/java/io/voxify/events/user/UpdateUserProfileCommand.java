package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Null fields are left as they are. A new password needs the current one, which the aggregate
 * checks against its hash.
 */
public record UpdateUserProfileCommand(
        @TargetAggregateIdentifier String userId,
        String firstName,
        String lastName,
        String currentPassword,
        String newPasswordHash) {}
