package io.voxify.infrastructure.privacy;

import java.util.List;

/**
 * Tells the other nodes of an installation which personal-data keys were destroyed, so each drops them from its
 * {@link CachedPersonalKeys} at once rather than when its cache entry expires: without it a replay or read on
 * another node could still open erased data for up to {@code voxify.privacy.key-cache-ttl}. Only key ids travel,
 * never a key or a personal value. Delivery is best effort (a node that was restarting, or Redis being down, misses
 * a message), so the cache's time-to-live stays the bound for such a node. The embedded profile has one node and
 * needs none ({@link #NONE}).
 */
public interface KeyDestructionFanout {

    /** One node: nobody to tell. */
    KeyDestructionFanout NONE = keyIds -> {};

    /**
     * Tells every other node that these keys are destroyed; called once the destroying transaction has committed.
     * Never throws: a failure to announce is logged, and the other nodes fall back on their cache's time-to-live.
     */
    void announce(List<String> keyIds);

    /** Where an adapter hands the ids of keys that another node destroyed. */
    @FunctionalInterface
    interface Receiver {

        /** Forgets these keys on this node, as if it had destroyed them itself. */
        void destroyedElsewhere(List<String> keyIds);
    }
}
