package io.voxify.saga.webhook;

/**
 * Sends webhooks off the saga's thread: {@link #submit} only queues the try; the sender makes the
 * HTTP call on a bounded pool of its own and reports the result as a
 * {@link io.voxify.events.webhook.RecordWebhookAttemptCommand}.
 */
public interface WebhookSender {

    /** False when the sender's backlog is full; the saga then asks again a little later. */
    boolean submit(WebhookDelivery delivery);
}
