package io.voxify.saga.job;

import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobPage;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.RecordJobAttemptFailedCommand;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process queue lives in memory, so a restart loses what it held. On start-up this puts
 * back every pending job, and turns every attempt that was running when the process stopped
 * into a retryable failure, which the job's saga retries as usual.
 */
public class InterruptedWorkRecovery {
    private static final Logger log = LoggerFactory.getLogger(InterruptedWorkRecovery.class);
    private static final int PAGE = 100;

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final SynthesisWorkQueue queue;

    public InterruptedWorkRecovery(QueryGateway queries, CommandGateway commands, SynthesisWorkQueue queue) {
        this.queries = queries;
        this.commands = commands;
        this.queue = queue;
    }

    public void recover() {
        int requeued = 0;
        int interrupted = 0;
        for (JobView job : all(JobStatus.PENDING)) {
            if (queue.submit(job.jobId(), job.attempts() + 1)) {
                requeued++;
            }
        }
        for (JobView job : all(JobStatus.PROCESSING)) {
            try {
                commands.sendAndWait(new RecordJobAttemptFailedCommand(job.jobId(), job.attempts(),
                        "Worker stopped while synthesising", ErrorCode.SERVICE_UNAVAILABLE.name(), true));
                interrupted++;
            } catch (RuntimeException alreadyHandled) {
                log.debug("Job {} needed no recovery: {}", job.jobId(), alreadyHandled.getMessage());
            }
        }
        if (requeued + interrupted > 0) {
            log.info("Recovered {} pending and {} interrupted synthesis jobs", requeued, interrupted);
        }
    }

    private List<JobView> all(JobStatus status) {
        List<JobView> result = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JobPage page = queries.query(new FindJobsQuery(null, List.of(status), null, null, null, null,
                    "created_at", true, PAGE, offset), JobPage.class).join();
            result.addAll(page.items());
            if (page.items().size() < PAGE) {
                return result;
            }
        }
    }
}
