package io.voxify.events.user;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** Carries only what changed; null fields were not touched. */
@Revision("1")
public record UserProfileUpdatedEvent(
        String userId,
        @PersonalData(KeyScope.USER) String firstName,
        @PersonalData(KeyScope.USER) String lastName) {}
