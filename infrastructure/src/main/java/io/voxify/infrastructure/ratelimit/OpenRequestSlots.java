package io.voxify.infrastructure.ratelimit;

import java.util.Optional;

/**
 * Counts the long-lived requests (streams, waits for a result) each user has open, per kind, so that no one
 * holds more than a cap of them. The embedded adapter counts in memory; the infra profile counts in Redis,
 * so the cap holds across API nodes.
 */
public interface OpenRequestSlots {

    /** Takes a slot if the user has fewer than {@code cap} of this kind open; empty otherwise. */
    Optional<Slot> tryOpen(String key, int cap);

    /** What the key has open now. */
    int open(String key);

    /** An open request's place; closing it (once or more) gives the place back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
