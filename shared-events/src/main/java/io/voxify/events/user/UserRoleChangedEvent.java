package io.voxify.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserRoleChangedEvent(String userId, Role role, String changedBy) {}
