package io.voxify.infrastructure.privacy;

import io.voxify.events.privacy.KeyScope;
import java.util.Optional;

/**
 * Seals a personal value that has to be kept outside the event store for a while (a saga's state, which the saga
 * store writes as plain JSON for as long as the saga lives) under the key of the resource it belongs to: the
 * same key that seals it in the event it came from, so whatever destroys that key (the resource deleted,
 * retention, the account erased) erases this copy too. {@code purpose} names where the value is kept; a sealed
 * value opens only for the same purpose, so it cannot be moved to another place and read there.
 */
public interface SealedValues {

    /**
     * The value sealed under the key of the resource; empty when that key is gone (destroyed, or never made): the
     * value is erased already and there is nothing to keep. Never makes a key.
     */
    Optional<SealedValue> seal(KeyScope scope, String resourceId, String purpose, String value);

    /** The plain value; empty when its key has been destroyed since it was sealed. */
    Optional<String> open(SealedValue value, String purpose);
}
