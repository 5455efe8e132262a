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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded profile's work queue: fixed pools of worker threads with bounded backlogs, one
 * for synthesis and one for the voice work (sample processing, clone fitting, training), so long
 * training runs never hold up anybody's synthesis. When a backlog is full the saga is told so
 * and tries again later, instead of a pool growing without limit.
 */
public class InProcessWorkQueue implements SynthesisWorkQueue, SampleWorkQueue, CloneWorkQueue, TrainingWorkQueue,
        MeterBinder, AutoCloseable {
    public static final String QUEUE_DEPTH = "voxify.work.queue.depth";
    private static final Logger log = LoggerFactory.getLogger(InProcessWorkQueue.class);

    private final ThreadPoolExecutor synthesisPool;
    private final ThreadPoolExecutor voicePool;
    private final SynthesisWorker synthesis;
    private final SampleProcessingWorker samples;
    private final CloneWorker clones;
    private final TrainingWorker training;

    public InProcessWorkQueue(SynthesisWorker synthesis, SampleProcessingWorker samples, CloneWorker clones,
                              TrainingWorker training, int synthesisThreads, int voiceThreads, int backlog) {
        this.synthesis = synthesis;
        this.samples = samples;
        this.clones = clones;
        this.training = training;
        this.synthesisPool = pool("synthesis-worker-", synthesisThreads, backlog);
        this.voicePool = pool("voice-worker-", voiceThreads, backlog);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int backlog) {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(backlog), r -> {
            Thread t = new Thread(r, name + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean submit(String jobId, int attempt) {
        return run(synthesisPool, "job " + jobId, () -> synthesis.run(jobId, attempt));
    }

    @Override
    public boolean submitSample(SampleTask task) {
        return run(voicePool, "sample " + task.sampleId(), () -> samples.run(task));
    }

    @Override
    public boolean submitClone(String cloneId, int attempt) {
        return run(voicePool, "clone " + cloneId, () -> clones.run(cloneId, attempt));
    }

    @Override
    public boolean submitTraining(String trainingJobId) {
        return run(voicePool, "training " + trainingJobId, () -> training.run(trainingJobId));
    }

    private static boolean run(ThreadPoolExecutor pool, String what, Runnable work) {
        try {
            pool.execute(WorkCorrelation.propagating(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Worker crashed on {}", what, e);
                }
            }));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    public int backlog() {
        return synthesisBacklog() + voiceBacklog();
    }

    public int synthesisBacklog() {
        return synthesisPool.getQueue().size();
    }

    public int voiceBacklog() {
        return voicePool.getQueue().size();
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
        for (ThreadPoolExecutor pool : new ThreadPoolExecutor[]{synthesisPool, voicePool}) {
            pool.shutdown();
        }
        for (ThreadPoolExecutor pool : new ThreadPoolExecutor[]{synthesisPool, voicePool}) {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }
}
