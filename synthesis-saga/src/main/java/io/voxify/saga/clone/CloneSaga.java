package io.voxify.saga.clone;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.ReleaseSampleFromCloneCommand;
import io.voxify.saga.work.BackgroundWorkPolicy;
import io.voxify.saga.work.SagaDeadlines;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/** Builds one clone: hands the fitting to a worker, fails the clone on timeout, ends on every outcome. */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class CloneSaga {
    static final String CLONE_ID = "cloneId";
    static final String TIMEOUT_DEADLINE = "clone-timeout";
    static final String DISPATCH_DEADLINE = "clone-dispatch";

    private String cloneId;
    /** The owner, whose share of the workers the fit counts against; null in sagas stored before it was kept. */
    private String userId;

    private List<String> sampleIds = List.of();
    private String timeoutDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(
            VoiceCloneCreatedEvent event,
            DeadlineManager deadlines,
            CloneWorkQueue queue,
            BackgroundWorkPolicy policy) {
        if (cloneId != null) {
            return;
        }
        cloneId = event.cloneId();
        userId = event.userId();
        sampleIds = List.copyOf(event.sampleIds());
        timeoutDeadlineId = deadlines.schedule(policy.cloneTimeout(), TIMEOUT_DEADLINE);
        dispatch(deadlines, queue);
    }

    @DeadlineHandler(deadlineName = DISPATCH_DEADLINE)
    public void dispatchAgain(DeadlineMessage<?> deadline, DeadlineManager deadlines, CloneWorkQueue queue) {
        dispatch(deadlines, queue);
    }

    /** The deadline message comes first: Axon binds a handler's first parameter to the payload. */
    @DeadlineHandler(deadlineName = TIMEOUT_DEADLINE)
    public void timedOut(DeadlineMessage<?> deadline, CommandGateway commands, BackgroundWorkPolicy policy) {
        commands.send(new FailVoiceCloneCommand(
                cloneId,
                "Cloning did not finish within " + policy.cloneTimeout().toSeconds() + " s",
                ErrorCode.SERVICE_UNAVAILABLE.name()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(VoiceCloneReadyEvent event, DeadlineManager deadlines, CommandGateway commands) {
        stop(deadlines, commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(VoiceCloneFailedEvent event, DeadlineManager deadlines, CommandGateway commands) {
        stop(deadlines, commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CLONE_ID)
    public void on(VoiceCloneDeletedEvent event, DeadlineManager deadlines, CommandGateway commands) {
        stop(deadlines, commands);
    }

    private void dispatch(DeadlineManager deadlines, CloneWorkQueue queue) {
        if (!queue.submitClone(cloneId, userId, 1)) {
            deadlines.schedule(BackgroundWorkPolicy.QUEUE_FULL_DELAY, DISPATCH_DEADLINE);
        }
    }

    /** Ends the deadlines and gives the samples back: they may be reprocessed or deleted again. */
    private void stop(DeadlineManager deadlines, CommandGateway commands) {
        sampleIds.forEach(sampleId -> commands.send(new ReleaseSampleFromCloneCommand(sampleId, cloneId)));
        SagaDeadlines.cancel(deadlines, TIMEOUT_DEADLINE, timeoutDeadlineId, DISPATCH_DEADLINE);
    }
}
