package io.voxify.events.common;

/**
 * An event that names the user who owns the aggregate it belongs to (the user's own account,
 * or a job, sample, clone, training run or favourites list the user made). The audit trail
 * learns ownership from these events, so a user's history outlives the deleted read rows.
 */
public interface OwnedByUser {
    String userId();
}
