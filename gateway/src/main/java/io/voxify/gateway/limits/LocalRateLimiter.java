package io.voxify.gateway.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bucket4j buckets in this process. A bucket is keyed by its key and its shape, so a limit an
 * administrator changes takes effect with fresh buckets at once; buckets nobody touched for two
 * windows are dropped, so memory follows the number of active callers, not of all callers ever.
 */
public class LocalRateLimiter implements RateLimiter {
    static final int SWEEP_EVERY = 4096;

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final TimeMeter time;

    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the given clock (tests move time instead of waiting for it). */
    LocalRateLimiter(TimeMeter time) {
        this.time = time;
    }

    private record Entry(Bucket bucket, long windowNanos, long[] lastUsed) {
    }

    @Override
    public Decision consume(String key, Limit limit) {
        sweepNow();
        ConsumptionProbe probe = entry(key, limit).bucket().tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    @Override
    public void refund(String key, Limit limit) {
        Entry entry = buckets.get(name(key, limit));
        if (entry != null && entry.bucket().getAvailableTokens() < limit.capacity()) {
            entry.bucket().addTokens(1);
        }
    }

    private Entry entry(String key, Limit limit) {
        Entry entry = buckets.computeIfAbsent(name(key, limit), k -> new Entry(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillIntervally(limit.capacity(), limit.window()).build())
                .withCustomTimePrecision(time)
                .build(), limit.window().toNanos(), new long[1]));
        entry.lastUsed()[0] = time.currentTimeNanos();
        return entry;
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

    private static String name(String key, Limit limit) {
        return key + '|' + limit.capacity() + '/' + limit.window().toSeconds();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
