package io.voxify.gateway.library;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pages in this process (the embedded profile), bounded in number and expiring after the time-to-live. */
public class LocalLibraryPageCache implements LibraryPageCache {
    private static final int MAX_PAGES = 10_000;

    private final long ttlNanos;
    private final Map<String, Map<String, Entry>> pages = new ConcurrentHashMap<>();

    private record Entry(String page, long expiresAt) {
    }

    public LocalLibraryPageCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Optional<String> get(String userId, String query) {
        Entry entry = pages.getOrDefault(userId, Map.of()).get(query);
        return entry == null || entry.expiresAt() - System.nanoTime() < 0 ? Optional.empty() : Optional.of(entry.page());
    }

    @Override
    public void put(String userId, String query, String page) {
        if (pages.size() >= MAX_PAGES) {
            pages.clear();
        }
        pages.computeIfAbsent(userId, u -> new ConcurrentHashMap<>())
                .put(query, new Entry(page, System.nanoTime() + ttlNanos));
    }

    @Override
    public void invalidate(String userId) {
        pages.remove(userId);
    }

    @Override
    public void invalidateAll() {
        pages.clear();
    }
}
