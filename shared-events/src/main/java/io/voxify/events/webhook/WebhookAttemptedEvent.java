package io.voxify.events.webhook;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One try to deliver a job's webhook: the receiver's status code, or the error when there was no
 * answer (refused address, timeout, connection failure), and when the next try is due (null: none).
 */
@Revision("1")
public record WebhookAttemptedEvent(
        String jobId,
        String deliveryId,
        int attempt,
        String callbackUrl,
        Integer statusCode,
        String error,
        long durationMs,
        Instant attemptedAt,
        Instant nextAttemptAt) {}
