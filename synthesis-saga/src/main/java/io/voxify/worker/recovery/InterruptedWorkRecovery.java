package io.voxify.worker.recovery;

import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobPage;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.RecordJobAttemptFailedCommand;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.FindTrainingJobsQuery;
import io.voxify.events.training.TrainingJobList;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import io.voxify.saga.PipelineWork;
import io.voxify.saga.sample.SampleTask;
import io.voxify.worker.synthesis.SynthesisWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process queues live in memory, so a restart loses what they held. On start-up this
 * puts back every job, sample run, clone and training job that was waiting, turns every
 * synthesis attempt that was running into a retryable failure (its saga retries it), runs
 * interrupted sample processing again (the same run: its verdict is still awaited), and fails
 * clone fittings and training runs that were cut off half-way, saying so.
 */
public class InterruptedWorkRecovery {
    private static final Logger log = LoggerFactory.getLogger(InterruptedWorkRecovery.class);
    private static final int PAGE = 100;
    private static final String INTERRUPTED = "Interrupted by a restart of the server";

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final PipelineWork queue;

    public InterruptedWorkRecovery(QueryGateway queries, CommandGateway commands, PipelineWork queue) {
        this.queries = queries;
        this.commands = commands;
        this.queue = queue;
    }

    public void recover() {
        int recovered = 0;
        for (JobView job : jobs(JobStatus.PENDING)) {
            recovered += queue.submit(job.jobId(), job.userId(), job.attempts() + 1) ? 1 : 0;
        }
        for (JobView job : jobs(JobStatus.PROCESSING)) {
            recovered += tell(new RecordJobAttemptFailedCommand(
                    job.jobId(),
                    job.attempts(),
                    SynthesisWorker.LOST_WORKER,
                    ErrorCode.SERVICE_UNAVAILABLE.name(),
                    true));
        }
        for (SampleView sample : all((limit, offset) -> queries.query(
                        new FindSamplesQuery(null, List.of(SampleStatus.PROCESSING), null, limit, offset),
                        SamplePage.class)
                .join()
                .items())) {
            recovered += queue.submitSample(new SampleTask(
                            sample.sampleId(),
                            sample.processingJobId(),
                            sample.userId(),
                            sample.audio().blobKey()))
                    ? 1
                    : 0;
        }
        for (CloneView clone : all((limit, offset) -> queries.query(
                        new FindClonesQuery(
                                null, List.of(CloneStatus.PENDING, CloneStatus.TRAINING), null, limit, offset),
                        ClonePage.class)
                .join()
                .items())) {
            recovered += clone.status() == CloneStatus.PENDING
                    ? (queue.submitClone(clone.cloneId(), clone.userId(), 1) ? 1 : 0)
                    : tell(new FailVoiceCloneCommand(
                            clone.cloneId(),
                            INTERRUPTED + "; create the clone again",
                            ErrorCode.SERVICE_UNAVAILABLE.name()));
        }
        for (TrainingView training : all((limit, offset) -> queries.query(
                        new FindTrainingJobsQuery(
                                List.of(TrainingStatus.PENDING, TrainingStatus.PROCESSING), limit, offset),
                        TrainingJobList.class)
                .join()
                .items())) {
            recovered += training.status() == TrainingStatus.PENDING
                    ? (queue.submitTraining(training.trainingJobId(), training.userId()) ? 1 : 0)
                    : tell(new FailTrainingCommand(
                            training.trainingJobId(), INTERRUPTED, ErrorCode.SERVICE_UNAVAILABLE.name()));
        }
        if (recovered > 0) {
            log.info("Recovered {} interrupted pieces of work", recovered);
        }
    }

    private int tell(Object command) {
        try {
            commands.sendAndWait(command);
            return 1;
        } catch (RuntimeException alreadyHandled) {
            log.debug("No recovery needed: {}", alreadyHandled.getMessage());
            return 0;
        }
    }

    private List<JobView> jobs(JobStatus status) {
        return all((limit, offset) -> queries.query(
                        new FindJobsQuery(
                                null, List.of(status), null, null, null, null, "created_at", true, limit, offset),
                        JobPage.class)
                .join()
                .items());
    }

    private static <T> List<T> all(BiFunction<Integer, Integer, List<T>> page) {
        List<T> result = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<T> items = page.apply(PAGE, offset);
            result.addAll(items);
            if (items.size() < PAGE) {
                return result;
            }
        }
    }
}
