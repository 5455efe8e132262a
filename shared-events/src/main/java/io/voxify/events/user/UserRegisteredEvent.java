package io.voxify.events.user;

import io.voxify.events.common.OwnedByUser;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserRegisteredEvent(
        String userId,
        @PersonalData(KeyScope.USER) String email,
        @PersonalData(KeyScope.USER) String passwordHash,
        @PersonalData(KeyScope.USER) String firstName,
        @PersonalData(KeyScope.USER) String lastName,
        Role role)
        implements OwnedByUser {}
