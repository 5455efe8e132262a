package io.voxify.saga.work;

import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.MDC;

/**
 * Carries the correlation metadata of the message that queued a piece of work (who asked,
 * which request, which correlation id) to the worker thread that does it, so the commands a
 * worker sends, and the events they cause, belong to the same story in the audit trail.
 */
public final class WorkCorrelation {
    private static final ThreadLocal<MetaData> AMBIENT = new ThreadLocal<>();

    private WorkCorrelation() {}

    /** The correlation data of the unit of work on this thread, or none. */
    public static MetaData capture() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getCorrelationData() : MetaData.emptyInstance();
    }

    /** Metadata keys and the log-context (MDC) keys they appear under in the worker's log lines. */
    private static final Map<String, String> LOG_KEYS =
            Map.of("correlationId", "correlation_id", "requestId", "request_id", "userId", "user_id");

    /** Runs {@code work} with {@code metaData} as the ambient correlation of its thread (and in its logs). */
    public static void runWith(Map<String, ?> metaData, Runnable work) {
        MetaData previous = AMBIENT.get();
        Map<String, String> previousLog = MDC.getCopyOfContextMap();
        AMBIENT.set(MetaData.from(metaData));
        LOG_KEYS.forEach((key, logKey) -> {
            Object value = metaData.get(key);
            if (value != null) {
                MDC.put(logKey, value.toString());
            }
        });
        try {
            work.run();
        } finally {
            if (previous == null) {
                AMBIENT.remove();
            } else {
                AMBIENT.set(previous);
            }
            if (previousLog == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previousLog);
            }
        }
    }

    /** Queues keep the caller's correlation: the returned task runs {@code work} inside it. */
    public static Runnable propagating(Runnable work) {
        MetaData captured = capture();
        return () -> runWith(captured, work);
    }

    /** The ambient correlation of this thread (set by {@link #runWith}), empty when there is none. */
    public static MetaData ambient() {
        MetaData current = AMBIENT.get();
        return current == null ? MetaData.emptyInstance() : current;
    }
}
