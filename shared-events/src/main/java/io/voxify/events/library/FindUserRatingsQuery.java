package io.voxify.events.library;

/** The caller's own ratings; the answer is a {@link UserRatingsView}. */
public record FindUserRatingsQuery(String userId) {}
