package io.voxify.infrastructure.queue;

/**
 * How much of the workers one user may hold at once: the number of that user's work items a pool
 * runs at the same time (the rest wait in the user's lane, served in turn with everyone else's).
 * Read at every choice, so it may follow a setting that changes at run time; it is asked while the queues
 * hold their locks, so it answers from memory and never waits (no I/O on the caller's thread).
 */
@FunctionalInterface
public interface WorkShare {

    int maxRunningPerUser();
}
