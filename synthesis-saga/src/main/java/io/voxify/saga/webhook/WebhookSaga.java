package io.voxify.saga.webhook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
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
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class WebhookSaga {
    static final String JOB_ID = "jobId";
    static final String ATTEMPT_DEADLINE = "webhook-attempt";
    static final String GUARD_DEADLINE = "webhook-attempt-guard";
    static final Duration SENDER_BUSY_DELAY = Duration.ofSeconds(5);

    private String jobId;
    private String userId;
    private String deliveryId;
    private String event;
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
            WebhookPolicy policy) {
        if (deliveryId != null) {
            return; // a redelivered event: this delivery is already under way
        }
        jobId = due.jobId();
        userId = due.userId();
        deliveryId = due.deliveryId();
        event = due.event();
        callbackUrl = due.callbackUrl();
        dueAt = at;
        send(1, deadlines, sender, policy);
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
    public void attemptDue(Integer attempt, DeadlineManager deadlines, WebhookSender sender, WebhookPolicy policy) {
        send(attempt, deadlines, sender, policy);
    }

    @DeadlineHandler(deadlineName = GUARD_DEADLINE)
    public void attemptUnrecorded(
            Integer attempt, DeadlineManager deadlines, WebhookSender sender, WebhookPolicy policy) {
        if (attempt > recordedAttempt) {
            send(attempt, deadlines, sender, policy);
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

    /** Retention erased the callback URL this saga holds a copy of: no further tries go to it. */
    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobContentExpiredEvent expired, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    private void send(int attempt, DeadlineManager deadlines, WebhookSender sender, WebhookPolicy policy) {
        if (sender.submit(new WebhookDelivery(jobId, userId, deliveryId, event, callbackUrl, attempt, dueAt))) {
            deadlines.schedule(policy.attemptGuard(), GUARD_DEADLINE, attempt);
        } else {
            deadlines.schedule(SENDER_BUSY_DELAY, ATTEMPT_DEADLINE, attempt);
        }
    }

    private static void stopDeadlines(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(ATTEMPT_DEADLINE);
        deadlines.cancelAllWithinScope(GUARD_DEADLINE);
    }
}
