package io.voxify.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserLoggedInEvent(String userId, String clientAddress) {}
