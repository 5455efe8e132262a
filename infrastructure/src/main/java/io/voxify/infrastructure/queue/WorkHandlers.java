package io.voxify.infrastructure.queue;

import java.util.Map;

/**
 * The worker side's handlers, one per kind of work. The queue's consumers look each item up here; submitting
 * needs none, so a node that only queues work (an API node) may have them without running any.
 */
public final class WorkHandlers {
    private final Map<String, WorkHandler> byKind;

    public WorkHandlers(Map<String, WorkHandler> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    /** The handler of {@code kind}, or null when no worker knows that kind. */
    public WorkHandler handler(String kind) {
        return byKind.get(kind);
    }
}
