package io.voxify.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserLoginFailedEvent(String userId, String clientAddress, String reason) {}
