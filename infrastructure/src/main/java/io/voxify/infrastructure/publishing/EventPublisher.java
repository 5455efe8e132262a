package io.voxify.infrastructure.publishing;

/**
 * Sends domain events, in order, to consumers outside the platform (analytics). What the event says is the
 * caller's to decide (secrets and personal data left out before it gets here); this only delivers it.
 */
public interface EventPublisher {

    /**
     * Publishes the event and returns once the receiving system has taken it.
     *
     * @throws RuntimeException when it was not taken: the caller stops and tries again from this event, so none
     *                          is skipped
     */
    void publish(PublishedEvent event) throws InterruptedException;
}
