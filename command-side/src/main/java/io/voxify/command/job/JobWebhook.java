package io.voxify.command.job;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.webhook.RecordWebhookAttemptCommand;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The announcement of a job's end to its callback URL, as a member of {@link SynthesisJob}: the job decides
 * that one is due, this entity follows its delivery tries until it is delivered or abandoned.
 *
 * <p>A job has one of these from its start, announcing nothing until a {@link WebhookDueEvent}: a single member
 * that is always there receives every webhook command (Axon routes to a single member without an entity id),
 * so a try reported for a job that announces nothing is refused by the same rule as a stray one, not by a
 * missing-entity error.
 */
class JobWebhook {

    /** Why a delivery under way ends when retention erases the job's content (its callback URL with it). */
    static final String CONTENT_EXPIRED = "content expired";

    /** The announcement under way (null: none); attempts count its tries; open until delivered or abandoned. */
    private String deliveryId;

    private String callbackUrl;
    private int attempts;
    private boolean open;

    /**
     * Records one delivery try of the webhook under way: delivered on a 2xx, abandoned when the sender names no
     * next try. A try reported twice, or for another announcement, is refused.
     */
    @CommandHandler
    void handle(RecordWebhookAttemptCommand cmd) {
        if (!open || !cmd.deliveryId().equals(deliveryId) || cmd.attempt() != attempts + 1) {
            throw new DomainException(
                    ErrorCode.INVALID_STATUS_TRANSITION,
                    "Webhook attempt " + cmd.attempt() + " of " + cmd.deliveryId() + " is not the one expected");
        }
        boolean delivered = cmd.delivered();
        apply(new WebhookAttemptedEvent(
                cmd.jobId(),
                deliveryId,
                cmd.attempt(),
                callbackUrl,
                cmd.statusCode(),
                cmd.error(),
                cmd.durationMs(),
                cmd.attemptedAt(),
                delivered ? null : cmd.nextAttemptAt()));
        if (delivered) {
            apply(new WebhookDeliveredEvent(
                    cmd.jobId(), deliveryId, cmd.attempt(), cmd.statusCode(), cmd.attemptedAt()));
        } else if (cmd.nextAttemptAt() == null) {
            apply(new WebhookAbandonedEvent(
                    cmd.jobId(),
                    deliveryId,
                    cmd.attempt(),
                    cmd.abandonReason() != null ? cmd.abandonReason() : "no further attempts"));
        }
    }

    /** Ends the delivery under way, if there is one, without another try. */
    void abandonOpen(String jobId, String reason) {
        if (open) {
            apply(new WebhookAbandonedEvent(jobId, deliveryId, attempts, reason));
        }
    }

    @EventSourcingHandler
    void on(WebhookDueEvent e) {
        deliveryId = e.deliveryId();
        callbackUrl = e.callbackUrl();
        attempts = 0;
        open = true;
    }

    @EventSourcingHandler
    void on(WebhookAttemptedEvent e) {
        attempts = e.attempt();
    }

    @EventSourcingHandler
    void on(WebhookDeliveredEvent e) {
        open = false;
    }

    @EventSourcingHandler
    void on(WebhookAbandonedEvent e) {
        open = false;
    }
}
