package io.voxify.saga.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.voxify.saga.clone.CloneWorkQueue;
import io.voxify.saga.clone.CloneWorker;
import io.voxify.saga.job.SynthesisWorkQueue;
import io.voxify.saga.job.SynthesisWorker;
import io.voxify.saga.sample.SampleProcessingWorker;
import io.voxify.saga.sample.SampleTask;
import io.voxify.saga.sample.SampleWorkQueue;
import io.voxify.saga.training.TrainingWorkQueue;
import io.voxify.saga.training.TrainingWorker;

/**
 * The embedded profile's work queue: fixed pools of worker threads with bounded backlogs, one
 * for synthesis and one for the voice work (sample processing, clone fitting, training), so long
 * training runs never hold up anybody's synthesis. Each pool serves users in turn and runs at
 * most {@link WorkShare#maxRunningPerUser()} items of one user at once ({@link FairWorkPool}), so
 * one user's flood never holds up another user's work. When a backlog (the pool's, or the
 * user's share of it) is full the saga is told so and tries again later, instead of a pool
 * growing without limit.
 */
public class InProcessWorkQueue implements SynthesisWorkQueue, SampleWorkQueue, CloneWorkQueue, TrainingWorkQueue,
        MeterBinder, AutoCloseable {
    public static final String QUEUE_DEPTH = "voxify.work.queue.depth";

    private final FairWorkPool synthesisPool;
    private final FairWorkPool voicePool;
    private final SynthesisWorker synthesis;
    private final SampleProcessingWorker samples;
    private final CloneWorker clones;
    private final TrainingWorker training;

    public InProcessWorkQueue(SynthesisWorker synthesis, SampleProcessingWorker samples, CloneWorker clones,
                              TrainingWorker training, int synthesisThreads, int voiceThreads, int backlog,
                              int backlogPerUser, WorkShare share) {
        this.synthesis = synthesis;
        this.samples = samples;
        this.clones = clones;
        this.training = training;
        this.synthesisPool = new FairWorkPool("synthesis-worker-", synthesisThreads, backlog, backlogPerUser,
                share::maxRunningPerUser);
        this.voicePool = new FairWorkPool("voice-worker-", voiceThreads, backlog, backlogPerUser,
                share::maxRunningPerUser);
    }

    @Override
    public boolean submit(String jobId, String userId, int attempt) {
        return run(synthesisPool, userId, "job " + jobId, () -> synthesis.run(jobId, attempt));
    }

    @Override
    public boolean submitSample(SampleTask task) {
        return run(voicePool, task.userId(), "sample " + task.sampleId(), () -> samples.run(task));
    }

    @Override
    public boolean submitClone(String cloneId, String userId, int attempt) {
        return run(voicePool, userId, "clone " + cloneId, () -> clones.run(cloneId, attempt));
    }

    @Override
    public boolean submitTraining(String trainingJobId, String userId) {
        return run(voicePool, userId, "training " + trainingJobId, () -> training.run(trainingJobId));
    }

    private static boolean run(FairWorkPool pool, String userId, String what, Runnable work) {
        return pool.submit(userId, what, WorkCorrelation.propagating(work));
    }

    public int backlog() {
        return synthesisBacklog() + voiceBacklog();
    }

    public int synthesisBacklog() {
        return synthesisPool.queued();
    }

    public int voiceBacklog() {
        return voicePool.queued();
    }

    /** Work waiting for a thread, per pool: a backlog that keeps growing means too few workers. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(QUEUE_DEPTH, this, InProcessWorkQueue::synthesisBacklog).tag("pool", "synthesis")
                .description("Work items queued for a worker thread").register(registry);
        Gauge.builder(QUEUE_DEPTH, this, InProcessWorkQueue::voiceBacklog).tag("pool", "voice")
                .description("Work items queued for a worker thread").register(registry);
    }

    @Override
    public void close() throws InterruptedException {
        synthesisPool.shutdown();
        voicePool.shutdown();
        java.time.Duration grace = java.time.Duration.ofSeconds(30);
        synthesisPool.awaitTermination(grace);
        voicePool.awaitTermination(grace);
    }
}
