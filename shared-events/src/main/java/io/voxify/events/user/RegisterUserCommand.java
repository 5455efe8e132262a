package io.voxify.events.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String email,
        String passwordHash,
        String firstName,
        String lastName,
        Role role) {}
