package io.voxify.saga.work;

import org.axonframework.deadline.DeadlineManager;

/** The deadlines every pipeline saga keeps: one timeout, and dispatch retries while a queue is full. */
public final class SagaDeadlines {

    private SagaDeadlines() {}

    /** Cancels the timeout (when one was scheduled) and every pending dispatch retry. */
    public static void cancel(DeadlineManager deadlines, String timeoutName, String timeoutId, String dispatchName) {
        if (timeoutId != null) {
            deadlines.cancelSchedule(timeoutName, timeoutId);
        }
        deadlines.cancelAllWithinScope(dispatchName);
    }
}
