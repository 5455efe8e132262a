package io.voxify.saga.training;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.saga.work.BackgroundWorkPolicy;
import io.voxify.saga.work.SagaDeadlines;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Runs one training job: hands it to a worker, and fails it if it overruns its estimate by far (three times the
 * estimate, at least the clone timeout).
 *
 * <p>The clone it trains may still be being built (training from a sample without a clone creates one, through
 * the clone's own creation). The saga follows the clone too: when it is ready the job is handed over again, and
 * a worker that got it earlier left it pending; when the clone fails or is deleted before the job started, the
 * job fails saying so. Until a worker starts the job it is handed over again every {@link #RECHECK_INTERVAL}:
 * a clone that was ready (or failed) before this saga began to follow it gives no event to wake it.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class TrainingSaga {
    static final String TRAINING_JOB_ID = "trainingJobId";
    static final String CLONE_ID = "cloneId";
    static final String TIMEOUT_DEADLINE = "training-timeout";
    static final String DISPATCH_DEADLINE = "training-dispatch";
    static final String RECHECK_DEADLINE = "training-recheck";
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(30);

    private String trainingJobId;
    /** The owner, whose share of the workers the run counts against; null in sagas stored before it was kept. */
    private String userId;
    /** Null in sagas stored before the clone was followed. */
    private String cloneId;

    private String timeoutDeadlineId;
    private String recheckDeadlineId;
    private long timeoutSeconds;
    private boolean started;

    @StartSaga
    @SagaEventHandler(associationProperty = TRAINING_JOB_ID)
    public void on(
            TrainingJobCreatedEvent event,
            DeadlineManager deadlines,
            TrainingWorkQueue queue,
            BackgroundWorkPolicy policy) {
        if (trainingJobId != null) {
            return;
        }
        trainingJobId = event.trainingJobId();
        userId = event.userId();
        cloneId = event.cloneId();
        SagaLifecycle.associateWith(CLONE_ID, cloneId);
        timeoutSeconds = Math.max(policy.cloneTimeout().toSeconds(), (long) Math.ceil(3 * event.estimatedSeconds()));
        timeoutDeadlineId = deadlines.schedule(Duration.ofSeconds(timeoutSeconds), TIMEOUT_DEADLINE);
        recheckDeadlineId = deadlines.schedule(RECHECK_INTERVAL, RECHECK_DEADLINE);
        dispatch(deadlines, queue);
    }

    @SagaEventHandler(associationProperty = TRAINING_JOB_ID)
    public void on(TrainingStartedEvent event, DeadlineManager deadlines) {
        started = true;
        SagaDeadlines.cancel(deadlines, RECHECK_DEADLINE, recheckDeadlineId, DISPATCH_DEADLINE);
        recheckDeadlineId = null;
    }

    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(VoiceCloneReadyEvent event, DeadlineManager deadlines, TrainingWorkQueue queue) {
        if (!started) {
            dispatch(deadlines, queue);
        }
    }

    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(VoiceCloneFailedEvent event, CommandGateway commands) {
        if (!started) {
            commands.send(new FailTrainingCommand(
                    trainingJobId,
                    "The clone to train could not be built: " + event.reason(),
                    ErrorCode.CLONE_NOT_READY.name()));
        }
    }

    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(VoiceCloneDeletedEvent event, CommandGateway commands) {
        commands.send(new FailTrainingCommand(
                trainingJobId, "The clone being trained was deleted", ErrorCode.CLONE_NOT_FOUND.name()));
    }

    @DeadlineHandler(deadlineName = DISPATCH_DEADLINE)
    public void dispatchAgain(DeadlineMessage<?> deadline, DeadlineManager deadlines, TrainingWorkQueue queue) {
        dispatch(deadlines, queue);
    }

    @DeadlineHandler(deadlineName = RECHECK_DEADLINE)
    public void recheck(DeadlineMessage<?> deadline, DeadlineManager deadlines, TrainingWorkQueue queue) {
        if (!started) {
            recheckDeadlineId = deadlines.schedule(RECHECK_INTERVAL, RECHECK_DEADLINE);
            dispatch(deadlines, queue);
        }
    }

    /** The deadline message comes first: Axon binds a handler's first parameter to the payload. */
    @DeadlineHandler(deadlineName = TIMEOUT_DEADLINE)
    public void timedOut(DeadlineMessage<?> deadline, CommandGateway commands) {
        commands.send(new FailTrainingCommand(
                trainingJobId,
                "Training did not finish within " + timeoutSeconds + " s",
                ErrorCode.SERVICE_UNAVAILABLE.name()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRAINING_JOB_ID)
    public void on(TrainingCompletedEvent event, DeadlineManager deadlines) {
        stop(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRAINING_JOB_ID)
    public void on(TrainingFailedEvent event, DeadlineManager deadlines) {
        stop(deadlines);
    }

    private void dispatch(DeadlineManager deadlines, TrainingWorkQueue queue) {
        if (!queue.submitTraining(trainingJobId, userId)) {
            deadlines.schedule(BackgroundWorkPolicy.QUEUE_FULL_DELAY, DISPATCH_DEADLINE);
        }
    }

    private void stop(DeadlineManager deadlines) {
        SagaDeadlines.cancel(deadlines, TIMEOUT_DEADLINE, timeoutDeadlineId, DISPATCH_DEADLINE);
        if (recheckDeadlineId != null) {
            deadlines.cancelSchedule(RECHECK_DEADLINE, recheckDeadlineId);
        }
    }
}
