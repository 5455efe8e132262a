package io.voxify.events.webhook;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The result of one delivery try, reported by the sender. {@code nextAttemptAt} is when the policy
 * allows the next try (null: give up unless this one was delivered); {@code abandonReason} says why
 * there is none.
 */
public record RecordWebhookAttemptCommand(
        @TargetAggregateIdentifier String jobId,
        String deliveryId,
        int attempt,
        Integer statusCode,
        String error,
        long durationMs,
        Instant attemptedAt,
        Instant nextAttemptAt,
        String abandonReason) {

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
