package io.voxify.events.user;

/** The account as a new access token describes it, from the account's own events. */
public record SessionGrant(String userId, String email, Role role) {}
