package io.voxify.saga.webhook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.infrastructure.privacy.SealedValue;
import io.voxify.infrastructure.privacy.SealedValues;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Delivers one job's webhook: the first try as soon as it is due, each retry on a persistent
 * deadline at the time the recorded attempt named (so retries survive restarts), and an end when the
 * job's aggregate records it delivered or abandoned (or the job is deleted). Only jobs with a
 * callback URL start one. The HTTP call happens in the {@link WebhookSender}, never here. Each try handed
 * to the sender is guarded by a deadline of its own: if the process stops while the call is in flight and
 * its result is never recorded, the guard hands the same try to the sender again (receivers drop the
 * duplicate by its delivery id).
 *
 * <p>The saga store keeps this state for as long as the retries last (a day by default), so the callback URL is
 * kept sealed with the job's key ({@link SealedValues}), the key that seals it in the job's events, and opened only
 * to hand a try to the sender. Once that key is destroyed (the job deleted, retention, the account erased) the URL
 * no longer opens and the saga ends without another try.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class WebhookSaga {
    static final String JOB_ID = "jobId";
    static final String ATTEMPT_DEADLINE = "webhook-attempt";
    static final String GUARD_DEADLINE = "webhook-attempt-guard";
    static final Duration SENDER_BUSY_DELAY = Duration.ofSeconds(5);
    /** Where the sealed URL is kept: it opens for this purpose only. */
    static final String CALLBACK_PURPOSE = "webhook-saga.callbackUrl";

    private String jobId;
    private String userId;
    private String deliveryId;
    private String event;
    private SealedValue sealedCallbackUrl;
    /**
     * Only in sagas stored before the URL was sealed: it is sealed, and this cleared, at their next try, so the
     * store holds it in clear no longer than until then.
     */
    private String callbackUrl;

    private Instant dueAt;
    /** The last try whose result the job recorded. */
    private int recordedAttempt;

    @StartSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(
            WebhookDueEvent due,
            @Timestamp Instant at,
            DeadlineManager deadlines,
            WebhookSender sender,
            WebhookPolicy policy,
            SealedValues seals) {
        if (deliveryId != null) {
            return; // a redelivered event: this delivery is already under way
        }
        jobId = due.jobId();
        userId = due.userId();
        deliveryId = due.deliveryId();
        event = due.event();
        dueAt = at;
        Optional<SealedValue> sealed = due.callbackUrl() == null
                ? Optional.empty()
                : seals.seal(KeyScope.JOB, jobId, CALLBACK_PURPOSE, due.callbackUrl());
        if (sealed.isEmpty()) {
            // The job's key went before this event reached the saga: its URL reads erased, nobody is called.
            SagaLifecycle.end();
            return;
        }
        sealedCallbackUrl = sealed.get();
        send(1, deadlines, sender, policy, seals);
    }

    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(WebhookAttemptedEvent attempted, DeadlineManager deadlines) {
        recordedAttempt = Math.max(recordedAttempt, attempted.attempt());
        deadlines.cancelAllWithinScope(GUARD_DEADLINE);
        if (attempted.nextAttemptAt() != null) {
            deadlines.schedule(attempted.nextAttemptAt(), ATTEMPT_DEADLINE, attempted.attempt() + 1);
        }
    }

    @DeadlineHandler(deadlineName = ATTEMPT_DEADLINE)
    public void attemptDue(
            Integer attempt,
            DeadlineManager deadlines,
            WebhookSender sender,
            WebhookPolicy policy,
            SealedValues seals) {
        send(attempt, deadlines, sender, policy, seals);
    }

    @DeadlineHandler(deadlineName = GUARD_DEADLINE)
    public void attemptUnrecorded(
            Integer attempt,
            DeadlineManager deadlines,
            WebhookSender sender,
            WebhookPolicy policy,
            SealedValues seals) {
        if (attempt > recordedAttempt) {
            send(attempt, deadlines, sender, policy, seals);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(WebhookDeliveredEvent delivered, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(WebhookAbandonedEvent abandoned, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobDeletedEvent deleted, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    /** Retention erased the callback URL this saga holds a sealed copy of: no further tries go to it. */
    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobContentExpiredEvent expired, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    private void send(
            int attempt, DeadlineManager deadlines, WebhookSender sender, WebhookPolicy policy, SealedValues seals) {
        Optional<String> url = openCallbackUrl(seals);
        if (url.isEmpty()) {
            // The job's key is gone (deleted, expired, its owner erased): end here rather than wait for the
            // event that says so, which may come later (an erased account's jobs are deleted after its keys).
            stopDeadlines(deadlines);
            SagaLifecycle.end();
            return;
        }
        if (sender.submit(new WebhookDelivery(jobId, userId, deliveryId, event, url.get(), attempt, dueAt))) {
            deadlines.schedule(policy.attemptGuard(), GUARD_DEADLINE, attempt);
        } else {
            deadlines.schedule(SENDER_BUSY_DELAY, ATTEMPT_DEADLINE, attempt);
        }
    }

    private Optional<String> openCallbackUrl(SealedValues seals) {
        if (callbackUrl != null) {
            sealedCallbackUrl = seals.seal(KeyScope.JOB, jobId, CALLBACK_PURPOSE, callbackUrl)
                    .orElse(null);
            callbackUrl = null;
        }
        return sealedCallbackUrl == null ? Optional.empty() : seals.open(sealedCallbackUrl, CALLBACK_PURPOSE);
    }

    private static void stopDeadlines(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(ATTEMPT_DEADLINE);
        deadlines.cancelAllWithinScope(GUARD_DEADLINE);
    }
}
