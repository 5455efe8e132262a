package io.voxify.infrastructure.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;

/** Keys in a map, for tests of what seals and opens with them; the real stores pass {@link PersonalKeysContract}. */
public class MemoryPersonalKeys implements PersonalKeys {
    private record Entry(String owner, SecretKey key) {}

    private final Map<String, Entry> keys = new TreeMap<>();

    @Override
    public synchronized Optional<SecretKey> obtain(String keyId, String ownerId) {
        return Optional.ofNullable(keys.computeIfAbsent(keyId, id -> new Entry(ownerId, KeyWrapping.newKey())))
                .map(Entry::key);
    }

    @Override
    public synchronized Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(Entry::key);
    }

    @Override
    public synchronized boolean destroy(String keyId) {
        Entry entry = keys.get(keyId);
        keys.put(keyId, new Entry(entry == null ? null : entry.owner(), null));
        return entry != null && entry.key() != null;
    }

    @Override
    public synchronized List<String> destroyOwnedBy(String ownerId) {
        List<String> destroyed = liveKeysOf(ownerId);
        destroyed.forEach(this::destroy);
        return destroyed;
    }

    @Override
    public synchronized List<String> liveKeysOf(String ownerId) {
        List<String> live = new ArrayList<>();
        keys.forEach((id, entry) -> {
            if (ownerId.equals(entry.owner()) && entry.key() != null) {
                live.add(id);
            }
        });
        return live;
    }

    public synchronized String ownerOf(String keyId) {
        Entry entry = keys.get(keyId);
        return entry == null ? null : entry.owner();
    }
}
