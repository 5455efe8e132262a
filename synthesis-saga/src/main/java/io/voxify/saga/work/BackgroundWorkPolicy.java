package io.voxify.saga.work;

import java.time.Duration;

/** How long sample processing and clone fitting may take before their sagas give up on them. */
public record BackgroundWorkPolicy(Duration sampleTimeout, Duration cloneTimeout) {

    /** How long a saga waits before offering work again to a full queue. */
    public static final Duration QUEUE_FULL_DELAY = Duration.ofSeconds(5);
}
