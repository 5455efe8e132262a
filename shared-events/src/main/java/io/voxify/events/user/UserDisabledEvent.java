package io.voxify.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserDisabledEvent(String userId, String changedBy) {}
