package io.voxify.events.webhook;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The receiver answered 2xx: the webhook is delivered and is not sent again. */
@Revision("1")
public record WebhookDeliveredEvent(
        String jobId, String deliveryId, int attempts, int statusCode, Instant deliveredAt) {}
