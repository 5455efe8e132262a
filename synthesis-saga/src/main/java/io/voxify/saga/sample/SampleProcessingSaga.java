package io.voxify.saga.sample;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FailSampleProcessingCommand;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.saga.work.BackgroundWorkPolicy;
import io.voxify.saga.work.SagaDeadlines;
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
 * One processing run of one sample: hands it to a worker, fails it if the worker does not
 * answer in time, and ends with the verdict, or with the sample when it is deleted meanwhile.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class SampleProcessingSaga {
    static final String PROCESSING_JOB_ID = "processingJobId";
    static final String SAMPLE_ID = "sampleId";
    static final String TIMEOUT_DEADLINE = "sample-processing-timeout";
    static final String DISPATCH_DEADLINE = "sample-processing-dispatch";

    private String sampleId;
    private String processingJobId;
    private String userId;
    private String blobKey;
    private String timeoutDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = PROCESSING_JOB_ID)
    public void on(
            SampleProcessingRequestedEvent event,
            DeadlineManager deadlines,
            SampleWorkQueue queue,
            BackgroundWorkPolicy policy) {
        if (processingJobId != null) {
            return;
        }
        sampleId = event.sampleId();
        processingJobId = event.processingJobId();
        userId = event.userId();
        blobKey = event.audio().blobKey();
        SagaLifecycle.associateWith(SAMPLE_ID, sampleId);
        timeoutDeadlineId = deadlines.schedule(policy.sampleTimeout(), TIMEOUT_DEADLINE);
        dispatch(deadlines, queue);
    }

    @DeadlineHandler(deadlineName = DISPATCH_DEADLINE)
    public void dispatchAgain(DeadlineMessage<?> deadline, DeadlineManager deadlines, SampleWorkQueue queue) {
        dispatch(deadlines, queue);
    }

    /** The deadline message comes first: Axon binds a handler's first parameter to the payload. */
    @DeadlineHandler(deadlineName = TIMEOUT_DEADLINE)
    public void timedOut(DeadlineMessage<?> deadline, CommandGateway commands, BackgroundWorkPolicy policy) {
        commands.send(new FailSampleProcessingCommand(
                sampleId,
                processingJobId,
                "Processing did not finish within " + policy.sampleTimeout().toSeconds() + " s",
                ErrorCode.SERVICE_UNAVAILABLE.name()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = PROCESSING_JOB_ID)
    public void on(SampleProcessedEvent event, DeadlineManager deadlines) {
        stop(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = PROCESSING_JOB_ID)
    public void on(SampleRejectedEvent event, DeadlineManager deadlines) {
        stop(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = PROCESSING_JOB_ID)
    public void on(SampleProcessingFailedEvent event, DeadlineManager deadlines) {
        stop(deadlines);
    }

    /** A sample deleted while it is processed: the run's verdict will be refused, so nothing is left to wait for. */
    @EndSaga
    @SagaEventHandler(associationProperty = SAMPLE_ID)
    public void on(VoiceSampleDeletedEvent event, DeadlineManager deadlines) {
        stop(deadlines);
    }

    private void dispatch(DeadlineManager deadlines, SampleWorkQueue queue) {
        if (!queue.submitSample(new SampleTask(sampleId, processingJobId, userId, blobKey))) {
            deadlines.schedule(BackgroundWorkPolicy.QUEUE_FULL_DELAY, DISPATCH_DEADLINE);
        }
    }

    private void stop(DeadlineManager deadlines) {
        SagaDeadlines.cancel(deadlines, TIMEOUT_DEADLINE, timeoutDeadlineId, DISPATCH_DEADLINE);
    }
}
