package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.job.WebhookStatus;
import io.voxify.gateway.web.Envelope;

/** Where the announcement of a job's end to its callback URL stands. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobWebhookResponse(
        String deliveryId,
        String event,
        String state,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        String lastAttemptAt,
        String nextAttemptAt,
        String deliveredAt) {

    /** Null for a job whose end has not been announced (the answer shows {@code "webhook": null}). */
    static JobWebhookResponse of(WebhookStatus w) {
        if (w == null) {
            return null;
        }
        return new JobWebhookResponse(
                w.deliveryId(),
                w.event(),
                w.state(),
                w.attempts(),
                w.lastStatusCode(),
                w.lastError(),
                Envelope.iso(w.lastAttemptAt()),
                Envelope.iso(w.nextAttemptAt()),
                Envelope.iso(w.deliveredAt()));
    }
}
