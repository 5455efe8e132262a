package io.voxify.infrastructure.cache.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxify.infrastructure.cache.LibraryPageCache;
import java.time.Duration;
import java.util.Optional;

/**
 * Pages in this process (the embedded profile), expiring after the time-to-live and bounded by both the
 * number of pages (of all users together) and their estimated bytes: every page weighs at least
 * {@code maxBytes / maxEntries}, so neither bound can be passed, however many distinct queries arrive.
 * Least recently and least frequently used pages go first.
 */
public class LocalLibraryPageCache implements LibraryPageCache {
    /** Bytes a page costs beyond its characters: the key record, Caffeine's node, the two strings' headers. */
    static final int ENTRY_OVERHEAD_BYTES = 160;

    private record Key(String userId, String query) {}

    private final Cache<Key, String> pages;
    private final long maxBytes;
    private final long maxEntries;

    public LocalLibraryPageCache(Duration ttl, long maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < maxEntries) {
            throw new IllegalArgumentException("need at least one entry and one byte per entry");
        }
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        long minimumWeight = maxBytes / maxEntries;
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maxBytes)
                .weigher((Key key, String page) -> (int) Math.min(
                        Integer.MAX_VALUE,
                        Math.max(
                                minimumWeight,
                                ENTRY_OVERHEAD_BYTES
                                        + 2L
                                                * (key.userId().length()
                                                        + key.query().length()
                                                        + page.length()))))
                .executor(Runnable::run) // evict on the caller's thread: the bound holds when put returns
                .build();
    }

    @Override
    public Optional<String> get(String userId, String query) {
        return Optional.ofNullable(pages.getIfPresent(new Key(userId, query)));
    }

    @Override
    public void put(String userId, String query, String page) {
        pages.put(new Key(userId, query), page);
    }

    @Override
    public void invalidate(String userId) {
        pages.asMap().keySet().removeIf(key -> key.userId().equals(userId));
    }

    @Override
    public void invalidateAll() {
        pages.invalidateAll();
    }

    /** Pages held now. */
    public long size() {
        pages.cleanUp();
        return pages.estimatedSize();
    }

    /** Their estimated bytes (each counted at least at the per-entry minimum). */
    public long weightedBytes() {
        pages.cleanUp();
        return pages.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long maxEntries() {
        return maxEntries;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
