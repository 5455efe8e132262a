package io.voxify.events.library;

import java.util.Map;

/**
 * One user's ratings by voice model id. {@code version} is the sequence number of the last event of
 * the user's ratings the view has seen (-1 before any), so a writer can wait for its own change.
 */
public record UserRatingsView(String userId, Map<String, Integer> ratings, long version) {}
