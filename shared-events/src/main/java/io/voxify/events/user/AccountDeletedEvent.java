package io.voxify.events.user;

import org.axonframework.serialization.Revision;

/**
 * An account was deleted. Its person's keys are destroyed with it, so every personal field of every event about
 * them reads as erased from then on; the account's jobs, samples, clones, favourites and ratings are removed by
 * the account-erasure process that follows this event; the e-mail can register again.
 */
@Revision("1")
public record AccountDeletedEvent(String userId, String requestedBy) {}
