package io.voxify.events.webhook;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
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
        @PersonalData(KeyScope.JOB) String callbackUrl,
        Integer statusCode,
        @PersonalData(KeyScope.JOB) String error,
        long durationMs,
        Instant attemptedAt,
        Instant nextAttemptAt) {}
