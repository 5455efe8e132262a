package io.voxify.infrastructure.queue.memory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.voxify.infrastructure.queue.FairWorkPool;
import io.voxify.infrastructure.queue.Work;
import io.voxify.infrastructure.queue.WorkHandler;
import io.voxify.infrastructure.queue.WorkHandlers;
import io.voxify.infrastructure.queue.WorkItem;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.infrastructure.queue.WorkShare;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded profile's work queue: fixed pools of worker threads with bounded backlogs (one per named pool,
 * say one for synthesis and one for the voice work, so long training runs never hold up anybody's synthesis).
 * Each pool serves users in turn and runs at most {@link WorkShare#maxRunningPerUser()} items of one user at
 * once ({@link FairWorkPool}), so one user's flood never holds up another user's work. When a backlog (the
 * pool's, or the user's share of it) is full the caller is told so and tries again later, instead of a pool
 * growing without limit.
 */
public class InProcessWorkQueue implements WorkQueue, MeterBinder, AutoCloseable {
    public static final String QUEUE_DEPTH = "voxify.work.queue.depth";

    private final WorkHandlers handlers;
    private final Map<String, FairWorkPool> pools = new LinkedHashMap<>();

    /** @param threads the pools by name, each with its number of threads (its threads are named {@code <pool>-worker-<n>}) */
    public InProcessWorkQueue(
            WorkHandlers handlers, Map<String, Integer> threads, int backlog, int backlogPerUser, WorkShare share) {
        this.handlers = handlers;
        threads.forEach((pool, count) -> pools.put(
                pool, new FairWorkPool(pool + "-worker-", count, backlog, backlogPerUser, share::maxRunningPerUser)));
    }

    @Override
    public boolean submit(WorkItem item) {
        FairWorkPool pool = pools.get(item.pool());
        if (pool == null) {
            throw new IllegalArgumentException("No worker pool " + item.pool() + " (pools: " + pools.keySet() + ")");
        }
        WorkHandler handler = handlers.handler(item.kind());
        if (handler == null) {
            throw new IllegalArgumentException("No handler for work of kind " + item.kind());
        }
        return pool.submit(item.userId(), item.kind() + " " + item.id(), () -> handler.handle(new Handed(item)));
    }

    /** Items waiting for a thread, all pools together. */
    public int backlog() {
        return pools.values().stream().mapToInt(FairWorkPool::queued).sum();
    }

    /** Items of the pool waiting for a thread. */
    public int backlog(String pool) {
        return pools.get(pool).queued();
    }

    /** Work waiting for a thread, per pool: a backlog that keeps growing means too few workers. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (var pool : pools.entrySet()) {
            Gauge.builder(QUEUE_DEPTH, pool.getValue(), FairWorkPool::queued)
                    .tag("pool", pool.getKey())
                    .description("Work items queued for a worker thread")
                    .register(registry);
        }
    }

    @Override
    public void close() throws InterruptedException {
        pools.values().forEach(FairWorkPool::shutdown);
        Duration grace = Duration.ofSeconds(30);
        for (FairWorkPool pool : pools.values()) {
            pool.awaitTermination(grace);
        }
    }

    /** In one process the item is handed over as it was queued: its payload is the submitter's own object. */
    private record Handed(WorkItem item) implements Work {

        @Override
        public String kind() {
            return item.kind();
        }

        @Override
        public String id() {
            return item.id();
        }

        @Override
        public Integer attempt() {
            return item.attempt();
        }

        @Override
        public String userId() {
            return item.userId();
        }

        @Override
        public Map<String, Object> metadata() {
            return item.metadata() == null ? Map.of() : item.metadata();
        }

        @Override
        public boolean redelivered() {
            return false;
        }

        @Override
        public <T> T payload(Class<T> type) {
            return type.cast(item.payload());
        }
    }
}
