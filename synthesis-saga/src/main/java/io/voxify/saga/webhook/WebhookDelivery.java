package io.voxify.saga.webhook;

import java.time.Instant;

/** One try to hand a job's webhook to its receiver, as the saga asks a sender for it. */
public record WebhookDelivery(
        String jobId, String userId, String deliveryId, String event, String callbackUrl, int attempt, Instant dueAt) {}
