package io.voxify.events.user;

import org.axonframework.serialization.Revision;

/** Carries only what changed; null fields were not touched. */
@Revision("1")
public record UserProfileUpdatedEvent(String userId, String firstName, String lastName) {}
