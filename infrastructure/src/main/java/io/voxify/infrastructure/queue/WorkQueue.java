package io.voxify.infrastructure.queue;

/**
 * Hands work to workers, shared fairly between users: each user's items wait in a lane of their own, lanes are
 * served in turn, and at most {@link WorkShare#maxRunningPerUser()} items of one user are taken at once, so one
 * user's flood never holds up another user's work. Work goes to a pool of its own ({@link WorkItem#pool()}), so
 * long work never holds up short work. Which code does an item is the worker side's business:
 * {@link WorkHandlers}, by the item's kind.
 */
public interface WorkQueue {

    /**
     * Queues the item in its pool, in its owner's lane.
     *
     * @return false when the queue (or the owner's lane of it) is full or cannot be reached and the item was not
     *         taken: the caller offers it again later
     */
    boolean submit(WorkItem item);
}
