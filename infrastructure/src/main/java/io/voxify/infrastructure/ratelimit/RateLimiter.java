package io.voxify.infrastructure.ratelimit;

import java.time.Duration;

/**
 * Token buckets by key: {@code capacity} tokens that all come back when the window ends. The
 * embedded adapter keeps buckets in memory; the infra profile keeps them in Redis so that every
 * API node shares them.
 */
public interface RateLimiter {

    /** Takes one token from the key's bucket if there is one. */
    Decision consume(String key, Limit limit);

    /** Gives one token back (an attempt that should not have counted, such as a successful login). */
    void refund(String key, Limit limit);

    /**
     * Drops the key's bucket of that shape at once, rather than when it would be full again: for a deleted
     * account, whose bucket's name names the person.
     */
    void forget(String key, Limit limit);

    /** A bucket's shape: {@code capacity} tokens per {@code window}. */
    record Limit(long capacity, Duration window) {}

    /** Whether the token was taken, what is left, and when the bucket fills again (in whole seconds). */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {}
}
