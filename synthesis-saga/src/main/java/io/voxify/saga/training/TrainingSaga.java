package io.voxify.saga.training;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.saga.work.BackgroundWorkPolicy;
import java.time.Duration;
import io.voxify.saga.work.SagaDeadlines;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Runs one training job: hands it to a worker and fails it if it overruns its estimate by far
 * (three times the estimate, at least the clone timeout).
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class TrainingSaga {
    static final String TRAINING_JOB_ID = "trainingJobId";
    static final String TIMEOUT_DEADLINE = "training-timeout";
    static final String DISPATCH_DEADLINE = "training-dispatch";

    private String trainingJobId;
    /** The owner, whose share of the workers the run counts against; null in sagas stored before it was kept. */
    private String userId;
    private String timeoutDeadlineId;
    private long timeoutSeconds;

    @StartSaga
    @SagaEventHandler(associationProperty = TRAINING_JOB_ID)
    public void on(TrainingJobCreatedEvent event, DeadlineManager deadlines, TrainingWorkQueue queue,
                   BackgroundWorkPolicy policy) {
        if (trainingJobId != null) {
            return;
        }
        trainingJobId = event.trainingJobId();
        userId = event.userId();
        timeoutSeconds = Math.max(policy.cloneTimeout().toSeconds(), (long) Math.ceil(3 * event.estimatedSeconds()));
        timeoutDeadlineId = deadlines.schedule(Duration.ofSeconds(timeoutSeconds), TIMEOUT_DEADLINE);
        dispatch(deadlines, queue);
    }

    @DeadlineHandler(deadlineName = DISPATCH_DEADLINE)
    public void dispatchAgain(DeadlineMessage<?> deadline, DeadlineManager deadlines, TrainingWorkQueue queue) {
        dispatch(deadlines, queue);
    }

    /** The deadline message comes first: Axon binds a handler's first parameter to the payload. */
    @DeadlineHandler(deadlineName = TIMEOUT_DEADLINE)
    public void timedOut(DeadlineMessage<?> deadline, CommandGateway commands) {
        commands.send(new FailTrainingCommand(trainingJobId, "Training did not finish within " + timeoutSeconds + " s",
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
    }
}
