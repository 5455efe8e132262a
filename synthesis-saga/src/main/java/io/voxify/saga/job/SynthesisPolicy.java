package io.voxify.saga.job;

import java.time.Duration;

/**
 * How patient the synthesis pipeline is: the whole-job timeout, how many attempts a job gets
 * for transient failures, and the back-off between them (doubling each time).
 */
public record SynthesisPolicy(Duration jobTimeout, int maxAttempts, Duration firstRetryDelay) {

    public Duration retryDelay(int failedAttempt) {
        return firstRetryDelay.multipliedBy(1L << Math.min(10, Math.max(0, failedAttempt - 1)));
    }
}
