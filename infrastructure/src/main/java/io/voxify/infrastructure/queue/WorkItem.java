package io.voxify.infrastructure.queue;

import java.util.Map;

/**
 * One piece of work to queue.
 *
 * @param pool     the worker pool that runs it (one of the pools the queue was given)
 * @param kind     what to do: the {@link WorkHandlers handler} it goes to
 * @param id       what to do it to
 * @param attempt  which attempt this is, when the work counts them
 * @param run      which run of the work this is when the attempt does not tell (work done again from the start
 *                 is a new run); null when it does
 * @param userId   whose work it is: the lane and the share it counts against (null for work whose owner was not
 *                 recorded; such work shares one lane)
 * @param payload  what else the handler needs, or null
 * @param metadata the correlation metadata of the message that queued it, for the handler to carry on
 */
public record WorkItem(
        String pool,
        String kind,
        String id,
        Integer attempt,
        String run,
        String userId,
        Object payload,
        Map<String, Object> metadata) {

    /**
     * The item's key: one per attempt, or per run. A broker adapter uses it as the message id and the key of its
     * slot in the owner's share, so the same item offered twice is recognised.
     */
    public String key() {
        return kind + ":" + id + ":" + (run != null ? run : attempt);
    }
}
