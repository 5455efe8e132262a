package io.voxify.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserPasswordChangedEvent(String userId, String passwordHash) {}
