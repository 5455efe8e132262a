package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator enables or disables an account, or sets its role; null fields stay as they are. */
public record ChangeUserAccessCommand(
        @TargetAggregateIdentifier String userId, Boolean enabled, Role role, String changedBy) {}
