package io.voxify.events.user;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserLoggedInEvent(
        String userId, @PersonalData(KeyScope.USER) String clientAddress) {}
