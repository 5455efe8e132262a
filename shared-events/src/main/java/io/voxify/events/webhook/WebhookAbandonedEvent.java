package io.voxify.events.webhook;

import org.axonframework.serialization.Revision;

/** No more tries: the retry period ran out, the receiver answered 410 Gone, or the address is refused. */
@Revision("1")
public record WebhookAbandonedEvent(String jobId, String deliveryId, int attempts, String reason) {}
