package io.voxify.infrastructure.privacy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;

/** A key store that counts the reads made of it (obtain and find), so a test can tell a cache hit from a miss. */
public final class ReadCountingKeys implements PersonalKeys {
    private final PersonalKeys store;
    private final AtomicInteger reads;

    public ReadCountingKeys(PersonalKeys store, AtomicInteger reads) {
        this.store = store;
        this.reads = reads;
    }

    @Override
    public Optional<SecretKey> obtain(String keyId, String ownerId) {
        reads.incrementAndGet();
        return store.obtain(keyId, ownerId);
    }

    @Override
    public Optional<SecretKey> find(String keyId) {
        reads.incrementAndGet();
        return store.find(keyId);
    }

    @Override
    public boolean destroy(String keyId) {
        return store.destroy(keyId);
    }

    @Override
    public List<String> destroyOwnedBy(String ownerId) {
        return store.destroyOwnedBy(ownerId);
    }

    @Override
    public List<String> liveKeysOf(String ownerId) {
        return store.liveKeysOf(ownerId);
    }
}
