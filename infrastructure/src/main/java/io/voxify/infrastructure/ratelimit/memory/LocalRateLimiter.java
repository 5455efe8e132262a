package io.voxify.infrastructure.ratelimit.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.voxify.infrastructure.ratelimit.Bucket4jRateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Buckets in this process (the embedded profile: one node). A bucket nobody touched for two windows is
 * dropped, so memory follows the number of active callers, not of all callers ever; and however many
 * distinct callers (addresses) arrive at once, at most {@code maxEntries} buckets and {@code maxBytes}
 * estimated bytes are held. Past that the least used bucket goes (Caffeine's frequency-aware eviction:
 * a flood of new one-off keys does not push out a bucket in steady use, so it cannot reset an active
 * caller's limit).
 */
public class LocalRateLimiter extends Bucket4jRateLimiter {
    static final long DEFAULT_MAX_ENTRIES = 200_000;
    static final long DEFAULT_MAX_BYTES = 128L << 20;
    /** A local Bucket4j bucket with its configuration and state, the entry and Caffeine's node. */
    static final int ENTRY_OVERHEAD_BYTES = 400;

    static final int MAX_NAME_LENGTH = 256;

    private final Cache<String, Entry> buckets;
    private final TimeMeter time;

    private record Entry(Bucket bucket, long idleNanos) {}

    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    /** With the given clock (tests move time instead of waiting for it) and bounds. */
    LocalRateLimiter(TimeMeter time, long maxEntries, long maxBytes) {
        this.time = time;
        long minimumWeight = maxBytes / maxEntries;
        this.buckets = Caffeine.newBuilder()
                .ticker(time::currentTimeNanos)
                .maximumWeight(maxBytes)
                .weigher((String name, Entry entry) ->
                        (int) Math.max(minimumWeight, ENTRY_OVERHEAD_BYTES + 2L * name.length()))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String name, Entry entry, long now) {
                        return entry.idleNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String name, Entry entry, long now, long remaining) {
                        return entry.idleNanos();
                    }

                    @Override
                    public long expireAfterRead(String name, Entry entry, long now, long remaining) {
                        return entry.idleNanos();
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    @Override
    protected void drop(String name) {
        buckets.invalidate(compact(name));
    }

    @Override
    protected Bucket bucket(String name, BucketConfiguration configuration, Limit limit) {
        return buckets.get(
                        compact(name),
                        k -> new Entry(
                                Bucket.builder()
                                        .addLimit(configuration.getBandwidths()[0])
                                        .withCustomTimePrecision(time)
                                        .build(),
                                2 * limit.window().toNanos()))
                .bucket();
    }

    /**
     * A long name (it may carry what a client typed, e.g. an e-mail address at sign-in) stands as its digest,
     * so that no bucket outweighs the bound and is dropped as soon as it is made, which would free its caller.
     */
    private static String compact(String name) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
