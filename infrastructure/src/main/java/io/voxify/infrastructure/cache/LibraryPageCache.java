package io.voxify.infrastructure.cache;

import java.util.Optional;

/**
 * Answers of the voice-model list, kept for a few seconds per user and query: a page costs the
 * catalogue, the user's clones, favourites, ratings and usage statistics, and clients ask for the same
 * page again and again. A user's pages are dropped at once when their favourites, ratings or clones
 * change; shared figures (usage statistics, favourite counts, other users' mean ratings) may lag by the
 * time-to-live.
 */
public interface LibraryPageCache {

    Optional<String> get(String userId, String query);

    void put(String userId, String query, String page);

    /** Drops every cached page of the user. */
    void invalidate(String userId);

    /** Drops every page of every user (the shared catalogue changed, e.g. neural voices rescanned). */
    void invalidateAll();
}
