package io.voxify.saga;

import io.voxify.infrastructure.queue.QueueProperties;
import io.voxify.infrastructure.queue.WorkHandlers;
import io.voxify.infrastructure.queue.WorkItem;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.saga.clone.CloneWorkQueue;
import io.voxify.saga.job.SynthesisWorkQueue;
import io.voxify.saga.sample.SampleTask;
import io.voxify.saga.sample.SampleWorkQueue;
import io.voxify.saga.training.TrainingWorkQueue;
import io.voxify.saga.work.WorkCorrelation;
import io.voxify.worker.clone.CloneWorker;
import io.voxify.worker.sample.SampleProcessingWorker;
import io.voxify.worker.synthesis.SynthesisWorker;
import io.voxify.worker.training.TrainingWorker;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sagas' work on the generic {@link WorkQueue}: each saga's view of the queue, the kind of work it queues and
 * the pool that runs it (synthesis in a pool of its own, so long voice work never holds it up), and
 * ({@link #handlers}) the worker that does each kind. Every item carries the correlation metadata of the message
 * that queued it, and its worker runs inside it, so the commands a worker sends belong to the same story in the
 * audit trail. The kinds are the names on the broker's messages: they never change.
 */
public class PipelineWork implements SynthesisWorkQueue, SampleWorkQueue, CloneWorkQueue, TrainingWorkQueue {
    private static final Logger log = LoggerFactory.getLogger(PipelineWork.class);
    public static final String SYNTHESIS = "synthesis";
    public static final String SAMPLE = "sample";
    public static final String CLONE = "clone";
    public static final String TRAINING = "training";

    private final WorkQueue queue;

    public PipelineWork(WorkQueue queue) {
        this.queue = queue;
    }

    @Override
    public boolean submit(String jobId, String userId, int attempt) {
        return queue.submit(new WorkItem(
                QueueProperties.SYNTHESIS_POOL, SYNTHESIS, jobId, attempt, null, userId, null, correlation()));
    }

    /** A sample may be processed again: each processing run is an item of its own. */
    @Override
    public boolean submitSample(SampleTask task) {
        return queue.submit(new WorkItem(
                QueueProperties.VOICE_POOL,
                SAMPLE,
                task.sampleId(),
                null,
                task.processingJobId(),
                task.userId(),
                task,
                correlation()));
    }

    @Override
    public boolean submitClone(String cloneId, String userId, int attempt) {
        return queue.submit(
                new WorkItem(QueueProperties.VOICE_POOL, CLONE, cloneId, attempt, null, userId, null, correlation()));
    }

    @Override
    public boolean submitTraining(String trainingJobId, String userId) {
        return queue.submit(new WorkItem(
                QueueProperties.VOICE_POOL, TRAINING, trainingJobId, null, null, userId, null, correlation()));
    }

    private static Map<String, Object> correlation() {
        return new HashMap<>(WorkCorrelation.capture());
    }

    /**
     * Which worker does each kind. A synthesis attempt handed out again because its worker was lost first releases
     * the attempt that worker claimed (the saga then schedules the next one), so no job is left processing.
     */
    public static WorkHandlers handlers(
            SynthesisWorker synthesis, SampleProcessingWorker samples, CloneWorker clones, TrainingWorker training) {
        return new WorkHandlers(Map.of(
                SYNTHESIS,
                        work -> WorkCorrelation.runWith(work.metadata(), () -> {
                            if (work.redelivered()) {
                                log.info(
                                        "Job {} attempt {} redelivered: its worker was lost",
                                        work.id(),
                                        work.attempt());
                                synthesis.releaseLostAttempt(work.id(), work.attempt());
                            }
                            synthesis.run(work.id(), work.attempt());
                        }),
                SAMPLE,
                        work -> WorkCorrelation.runWith(
                                work.metadata(), () -> samples.run(work.payload(SampleTask.class))),
                CLONE, work -> WorkCorrelation.runWith(work.metadata(), () -> clones.run(work.id(), work.attempt())),
                TRAINING, work -> WorkCorrelation.runWith(work.metadata(), () -> training.run(work.id()))));
    }
}
