package io.voxify.infrastructure.queue;

/**
 * Does one kind of work. It returns once the outcome is recorded: an adapter counts the item done (and, on a
 * broker, acknowledges it) only then. An exception means the platform itself failed (the database away, say): a
 * broker adapter tries the item again with back-off, then parks it.
 */
@FunctionalInterface
public interface WorkHandler {

    void handle(Work work);
}
