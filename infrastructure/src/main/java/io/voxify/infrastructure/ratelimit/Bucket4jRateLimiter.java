package io.voxify.infrastructure.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets that refill completely when their window ends, whichever store holds them. A
 * bucket is named by its key and its shape, so a limit an administrator changes takes effect
 * with fresh buckets at once.
 */
public abstract class Bucket4jRateLimiter implements RateLimiter {

    /** The bucket of that name, made with {@code configuration} if it does not exist yet. */
    protected abstract Bucket bucket(String name, BucketConfiguration configuration, Limit limit);

    @Override
    public Decision consume(String key, Limit limit) {
        ConsumptionProbe probe =
                bucket(name(key, limit), configuration(limit), limit).tryConsumeAndReturnRemaining(1);
        return new Decision(
                probe.isConsumed(),
                limit.capacity(),
                probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** Bucket4j caps added tokens at the capacity, so a refund never grows a bucket past it. */
    @Override
    public void refund(String key, Limit limit) {
        bucket(name(key, limit), configuration(limit), limit).addTokens(1);
    }

    @Override
    public void forget(String key, Limit limit) {
        drop(name(key, limit));
    }

    /** Removes the bucket of that name, if there is one. */
    protected abstract void drop(String name);

    protected static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillIntervally(limit.capacity(), limit.window())
                        .build())
                .build();
    }

    protected static String name(String key, Limit limit) {
        return key + '|' + limit.capacity() + '/' + limit.window().toSeconds();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
