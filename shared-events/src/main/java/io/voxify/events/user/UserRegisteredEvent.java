package io.voxify.events.user;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserRegisteredEvent(
        String userId, String email, String passwordHash, String firstName, String lastName, Role role)
        implements OwnedByUser {}
