package io.voxify.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buckets in this process (the embedded profile: one node). Buckets nobody touched for two
 * windows are dropped, so memory follows the number of active callers, not of all callers ever.
 */
public class LocalRateLimiter extends Bucket4jRateLimiter {
    static final int SWEEP_EVERY = 4096;

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final TimeMeter time;

    private record Entry(Bucket bucket, long windowNanos, long[] lastUsed) {
    }

    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the given clock (tests move time instead of waiting for it). */
    LocalRateLimiter(TimeMeter time) {
        this.time = time;
    }

    @Override
    protected Bucket bucket(String name, BucketConfiguration configuration, Limit limit) {
        sweepNow();
        Entry entry = buckets.computeIfAbsent(name, k -> new Entry(Bucket.builder()
                .addLimit(configuration.getBandwidths()[0])
                .withCustomTimePrecision(time)
                .build(), limit.window().toNanos(), new long[1]));
        entry.lastUsed()[0] = time.currentTimeNanos();
        return entry.bucket();
    }

    private void sweepNow() {
        if (calls.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        long now = time.currentTimeNanos();
        buckets.values().removeIf(e -> now - e.lastUsed()[0] > 2 * e.windowNanos());
    }

    int size() {
        return buckets.size();
    }
}
