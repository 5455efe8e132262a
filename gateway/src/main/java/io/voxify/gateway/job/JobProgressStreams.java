package io.voxify.gateway.job;

import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.gateway.security.AuthenticatedUser;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Job progress as Server-Sent Events, backed by a subscription query on the job view: the
 * current state first, then every change, then an end marker. Writes to clients happen on
 * their own scheduler, never on the projection's thread, so a slow client cannot hold up the
 * read model; a heartbeat comment lets both sides notice a dead connection.
 */
@Component
public class JobProgressStreams {
    private final QueryGateway queries;
    private final Duration heartbeat;
    private final Duration streamTimeout;
    private final ScheduledExecutorService heartbeats;
    private final Scheduler writers;

    public JobProgressStreams(QueryGateway queries,
                              @Value("${voxify.sse.heartbeat:PT15S}") Duration heartbeat,
                              @Value("${voxify.sse.timeout:PT30M}") Duration streamTimeout) {
        this.queries = queries;
        this.heartbeat = heartbeat;
        this.streamTimeout = streamTimeout;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.writers = Schedulers.newBoundedElastic(Math.max(4, Runtime.getRuntime().availableProcessors() * 4),
                100_000, "sse-writer", 60, true);
    }

    public SseEmitter open(AuthenticatedUser user, String jobId) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        SubscriptionQueryResult<Optional<JobView>, JobView> subscription = queries.subscriptionQuery(
                new FindJobQuery(jobId), ResponseTypes.optionalInstanceOf(JobView.class),
                ResponseTypes.instanceOf(JobView.class));
        Stream stream = new Stream(emitter, subscription);
        stream.heartbeatTask = heartbeats.scheduleAtFixedRate(stream::heartbeat, heartbeat.toMillis(),
                heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());

        stream.disposable = subscription.initialResult()
                .flatMapMany(initial -> initial.filter(job -> user.mayAccess(job.userId()))
                        .map(Flux::just).orElseGet(Flux::empty))
                .concatWith(subscription.updates())
                .publishOn(writers)
                .takeUntil(job -> job.status().isFinal())
                .subscribe(stream::state, error -> stream.finish(Map.of("event", "error",
                        "message", "The progress stream was interrupted")), stream::ended);
        return emitter;
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
        writers.dispose();
    }

    private static final class Stream {
        private final SseEmitter emitter;
        private final SubscriptionQueryResult<?, ?> subscription;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicReference<JobView> last = new AtomicReference<>();
        private final AtomicLong sequence = new AtomicLong();
        private volatile ScheduledFuture<?> heartbeatTask;
        private volatile Disposable disposable;

        Stream(SseEmitter emitter, SubscriptionQueryResult<?, ?> subscription) {
            this.emitter = emitter;
            this.subscription = subscription;
        }

        /**
         * Updates that raced with the initial query can be older than it; they are dropped, so a
         * client never sees progress go backwards.
         */
        void state(JobView job) {
            JobView previous = last.get();
            if (previous != null && job.version() <= previous.version()) {
                return;
            }
            last.set(job);
            if (previous != null && previous.status() == job.status() && previous.progress() == job.progress()
                    && Objects.equals(previous.progressMessage(), job.progressMessage())
                    && Objects.equals(previous.fileId(), job.fileId())) {
                return;
            }
            send(JobJson.progress(job));
        }

        /** The updates ended: after a final state, or because the job was deleted. */
        void ended() {
            JobView job = last.get();
            if (job == null) {
                finish(Map.of("event", "deleted", "message", "The job no longer exists"));
            } else if (job.status() == JobStatus.COMPLETED) {
                finish(Map.of("event", "complete"));
            } else if (job.status().isFinal()) {
                finish(Map.of("event", job.status().wireName(), "status", job.status().wireName()));
            } else {
                finish(Map.of("event", "deleted", "message", "The job no longer exists"));
            }
        }

        void finish(Map<String, Object> end) {
            send(end);
            synchronized (this) {
                if (!closed.get()) {
                    emitter.complete();
                }
            }
            close();
        }

        void heartbeat() {
            if (closed.get()) {
                return;
            }
            try {
                synchronized (this) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                }
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        private void send(Map<String, Object> data) {
            if (closed.get()) {
                return;
            }
            try {
                synchronized (this) {
                    emitter.send(SseEmitter.event().id(Long.toString(sequence.incrementAndGet()))
                            .data(data, MediaType.APPLICATION_JSON));
                }
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                ScheduledFuture<?> task = heartbeatTask;
                if (task != null) {
                    task.cancel(false);
                }
                Disposable d = disposable;
                if (d != null) {
                    d.dispose();
                }
                subscription.close();
            }
        }
    }
}
