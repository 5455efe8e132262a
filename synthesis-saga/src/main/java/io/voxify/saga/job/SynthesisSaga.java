package io.voxify.saga.job;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FailJobCommand;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.saga.work.SagaDeadlines;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Drives one job from creation to an end: hands attempts to the work queue, retries transient
 * failures with back-off, fails the job when its timeout passes, and ends on every final event.
 * It never runs inference itself; gateways and the queue arrive as handler parameters so the
 * saga's own state stays a few plain fields.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class SynthesisSaga {
    static final String JOB_ID = "jobId";
    static final String TIMEOUT_DEADLINE = "synthesis-job-timeout";
    static final String DISPATCH_DEADLINE = "synthesis-job-dispatch";
    static final Duration QUEUE_FULL_DELAY = Duration.ofSeconds(5);

    private String jobId;
    /** The owner, whose share of the workers each attempt counts against; null in sagas stored before it was kept. */
    private String userId;

    private String timeoutDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobCreatedEvent event, DeadlineManager deadlines, SynthesisWorkQueue queue, SynthesisPolicy policy) {
        if (jobId != null) {
            return; // a redelivered creation: this saga is already under way
        }
        jobId = event.jobId();
        userId = event.userId();
        timeoutDeadlineId = deadlines.schedule(policy.jobTimeout(), TIMEOUT_DEADLINE);
        dispatch(1, deadlines, queue);
    }

    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(
            JobAttemptFailedEvent event, DeadlineManager deadlines, CommandGateway commands, SynthesisPolicy policy) {
        if (event.retryable() && event.attempt() < policy.maxAttempts()) {
            deadlines.schedule(policy.retryDelay(event.attempt()), DISPATCH_DEADLINE, event.attempt() + 1);
        } else {
            String reason = event.retryable()
                    ? event.reason() + " (gave up after " + event.attempt() + " attempts)"
                    : event.reason();
            commands.send(new FailJobCommand(jobId, reason, event.errorCode()));
        }
    }

    @DeadlineHandler(deadlineName = DISPATCH_DEADLINE)
    public void dispatchAttempt(Integer attempt, DeadlineManager deadlines, SynthesisWorkQueue queue) {
        dispatch(attempt, deadlines, queue);
    }

    /**
     * The deadline message comes first because Axon binds a handler's first parameter to the payload: with the
     * gateway there, this payload-less deadline matched no handler and the job never timed out.
     */
    @DeadlineHandler(deadlineName = TIMEOUT_DEADLINE)
    public void timedOut(DeadlineMessage<?> deadline, CommandGateway commands, SynthesisPolicy policy) {
        commands.send(new FailJobCommand(
                jobId,
                "Synthesis did not finish within " + policy.jobTimeout().toSeconds() + " s",
                ErrorCode.SERVICE_UNAVAILABLE.name()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobCompletedEvent event, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobFailedEvent event, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobCancelledEvent event, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    /** A pending job can be deleted without ever being cancelled. */
    @EndSaga
    @SagaEventHandler(associationProperty = JOB_ID)
    public void on(JobDeletedEvent event, DeadlineManager deadlines) {
        stopDeadlines(deadlines);
    }

    private void dispatch(int attempt, DeadlineManager deadlines, SynthesisWorkQueue queue) {
        if (!queue.submit(jobId, userId, attempt)) {
            deadlines.schedule(QUEUE_FULL_DELAY, DISPATCH_DEADLINE, attempt);
        }
    }

    private void stopDeadlines(DeadlineManager deadlines) {
        SagaDeadlines.cancel(deadlines, TIMEOUT_DEADLINE, timeoutDeadlineId, DISPATCH_DEADLINE);
    }
}
