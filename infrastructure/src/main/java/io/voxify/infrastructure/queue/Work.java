package io.voxify.infrastructure.queue;

import java.util.Map;

/** A piece of work as its {@link WorkHandler} receives it, from whichever adapter carried it. */
public interface Work {

    String kind();

    String id();

    /** The attempt the item was queued as, or null when its work does not count attempts. */
    Integer attempt();

    /** The owner, or null when the owner was not recorded. */
    String userId();

    /** The correlation metadata the item was queued with (never null). */
    Map<String, Object> metadata();

    /**
     * True when the item is handed out again because the worker that had it was lost (a broker redelivers what a
     * dead consumer never acknowledged); what that worker claimed may need releasing first.
     */
    boolean redelivered();

    /** The item's payload as {@code type}, or null when it has none. */
    <T> T payload(Class<T> type);
}
