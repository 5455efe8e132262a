package io.voxify.gateway.persistence;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Stops db-scheduler, which runs Axon's deadlines, before anything else stops (the highest phase stops first):
 * a deadline in progress finishes, and those due later stay in the table for the next start. On a start that
 * failed before the lifecycle began, the scheduler is stopped when this bean is destroyed, which is before the
 * scheduler's own bean, since this one depends on it.
 */
public class DeadlineSchedulerShutdown implements SmartLifecycle, DisposableBean {
    /** The name db-scheduler's auto-configuration gives its scheduler bean. */
    static final String SCHEDULER_BEAN = "scheduler";

    private final Scheduler scheduler;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean running;

    public DeadlineSchedulerShutdown(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopOnce();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void destroy() {
        stopOnce();
    }

    private void stopOnce() {
        if (stopped.compareAndSet(false, true)) {
            scheduler.stop();
        }
    }
}
