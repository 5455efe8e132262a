package io.voxify.infrastructure.queue.rabbit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code interval}, publishes waiting work whose owner has room on the queue, on every node: a slot
 * freed by a node that stopped before promoting, a raised share or a broker that was away must not leave
 * work waiting for good. Normally items are promoted the moment an earlier one finishes; this is the net.
 */
public class WaitingWorkPromoter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WaitingWorkPromoter.class);

    private final FairBrokerDispatch dispatch;
    private final Duration interval;
    private final Duration lease;
    private ScheduledExecutorService timer;

    public WaitingWorkPromoter(FairBrokerDispatch dispatch, Duration interval, Duration lease) {
        this.dispatch = dispatch;
        this.interval = interval;
        this.lease = lease;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-promoter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::promote, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void promote() {
        try {
            int published = dispatch.promoteAll(lease);
            if (published > 0) {
                log.debug("Published {} waiting work items", published);
            }
        } catch (RuntimeException e) {
            log.warn("Waiting work was not promoted this time: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
