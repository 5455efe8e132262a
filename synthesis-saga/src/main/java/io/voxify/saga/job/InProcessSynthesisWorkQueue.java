package io.voxify.saga.job;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded profile's work queue: a fixed pool of worker threads with a bounded backlog.
 * When the backlog is full the saga is told so and tries again later, instead of the pool
 * growing without limit.
 */
public class InProcessSynthesisWorkQueue implements SynthesisWorkQueue, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InProcessSynthesisWorkQueue.class);

    private final ThreadPoolExecutor pool;
    private final SynthesisWorker worker;

    public InProcessSynthesisWorkQueue(SynthesisWorker worker, int threads, int backlog) {
        this.worker = worker;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(backlog), r -> {
                    Thread t = new Thread(r, "synthesis-worker-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public boolean submit(String jobId, int attempt) {
        try {
            pool.execute(() -> {
                try {
                    worker.run(jobId, attempt);
                } catch (RuntimeException e) {
                    log.error("Worker crashed on job {} attempt {}", jobId, attempt, e);
                }
            });
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    public int backlog() {
        return pool.getQueue().size();
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
