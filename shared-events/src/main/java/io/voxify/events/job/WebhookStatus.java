package io.voxify.events.job;

import java.time.Instant;

/**
 * Where a job's webhook stands: {@code state} is {@value #PENDING} (due or waiting for a retry),
 * {@value #DELIVERED} or {@value #ABANDONED}. Null on a job without a callback or not yet finished.
 */
public record WebhookStatus(
        String deliveryId,
        String event,
        String state,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant deliveredAt) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String ABANDONED = "abandoned";
}
