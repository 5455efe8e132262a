package io.voxify.gateway.web.sse;

import io.voxify.gateway.limits.OpenRequests;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A read-model view as Server-Sent Events, backed by a subscription query: the current state
 * first, then every change, then an end marker. Writes to clients happen on their own
 * scheduler, never on the projection's thread, so a slow client cannot hold up the read
 * model; a heartbeat comment lets both sides notice a dead connection. States older than the
 * last one sent (an update that raced the initial query) are dropped.
 *
 * <p>The response is committed (status and headers sent) on the request's own thread before the
 * first state can be written: otherwise a writer thread may commit it, writing the headers, while
 * the request thread is still on its way out through the filters, which read and set headers too.
 * Tomcat's headers are not thread-safe, and under load that race broke streams (a
 * {@code NullPointerException} in {@code MimeHeaders} and a dead connection; seen in the SSE
 * benchmark with 2,000 streams).
 */
@Component
@EnableConfigurationProperties(SseProperties.class)
public class ViewStreams {
    private final QueryGateway queries;
    private final OpenRequests open;
    private final Duration heartbeat;
    private final Duration streamTimeout;
    private final ScheduledExecutorService heartbeats;
    private final Scheduler writers;

    public ViewStreams(QueryGateway queries, OpenRequests open, SseProperties sse) {
        this.queries = queries;
        this.open = open;
        this.heartbeat = sse.heartbeat();
        this.streamTimeout = sse.timeout();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.writers = Schedulers.newBoundedElastic(
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4), 100_000, "sse-writer", 60, true);
    }

    /**
     * How one kind of view is streamed: its version (older states are dropped), the payload of each state, which
     * states are final and the end event that follows a final state.
     */
    public record Shape<V>(
            Class<V> type,
            ToLongFunction<V> version,
            Function<V, ? extends StreamedState> payload,
            Predicate<V> isFinal,
            Function<V, StreamEnd> endOf) {}

    /** A stream for {@code userId}, who may have at most {@code max_event_streams_per_user} open (else 429). */
    public <Q, V> SseEmitter open(String userId, Q query, Shape<V> shape) {
        OpenRequestSlots.Slot slot = open.open(userId, OpenRequests.Kind.EVENT_STREAM);
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        SubscriptionQueryResult<Optional<V>, V> subscription;
        try {
            subscription = queries.subscriptionQuery(
                    query, ResponseTypes.optionalInstanceOf(shape.type()), ResponseTypes.instanceOf(shape.type()));
        } catch (RuntimeException failed) {
            slot.close();
            throw failed;
        }
        Stream<V> stream = new Stream<>(emitter, subscription, shape, slot);
        stream.heartbeatTask = heartbeats.scheduleAtFixedRate(
                stream::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        commitResponse();
        stream.disposable = subscription
                .initialResult()
                .flatMapMany(initial -> initial.map(Flux::just).orElseGet(Flux::empty))
                .concatWith(subscription.updates())
                .publishOn(writers)
                .takeUntil(shape.isFinal())
                .subscribe(stream::state, error -> stream.finish(StreamEnd.interrupted()), stream::ended);
        return emitter;
    }

    /** Sends the status line and headers now, from this (the request's) thread; see the class comment. */
    private static void commitResponse() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            HttpServletResponse response = attributes.getResponse();
            if (response.getContentType() == null) {
                response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            }
            try {
                response.flushBuffer();
            } catch (IOException gone) {
                // the client left already; the first write notices and closes the stream
            }
        }
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
        writers.dispose();
    }

    private static final class Stream<V> {
        private final SseEmitter emitter;
        private final SubscriptionQueryResult<?, ?> subscription;
        private final Shape<V> shape;
        private final OpenRequestSlots.Slot slot;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicReference<V> last = new AtomicReference<>();
        private final AtomicReference<StreamedState> lastPayload = new AtomicReference<>();
        private final AtomicLong sequence = new AtomicLong();
        private volatile ScheduledFuture<?> heartbeatTask;
        private volatile Disposable disposable;

        Stream(
                SseEmitter emitter,
                SubscriptionQueryResult<?, ?> subscription,
                Shape<V> shape,
                OpenRequestSlots.Slot slot) {
            this.slot = slot;
            this.emitter = emitter;
            this.subscription = subscription;
            this.shape = shape;
        }

        void state(V view) {
            V previous = last.get();
            if (previous != null
                    && shape.version().applyAsLong(view) <= shape.version().applyAsLong(previous)) {
                return;
            }
            last.set(view);
            StreamedState payload = shape.payload().apply(view);
            StreamedState before = lastPayload.getAndSet(payload);
            if (before == null || !Objects.equals(before.withoutTime(), payload.withoutTime())) {
                send(payload);
            }
        }

        /** The updates ended: after a final state, or because the resource was deleted. */
        void ended() {
            V view = last.get();
            finish(view != null && shape.isFinal().test(view) ? shape.endOf().apply(view) : StreamEnd.deleted());
        }

        void finish(StreamEnd end) {
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
                    emitter.send(SpacedSseEvent.heartbeat());
                }
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        private void send(Object data) {
            if (closed.get()) {
                return;
            }
            try {
                synchronized (this) {
                    emitter.send(SpacedSseEvent.data(Long.toString(sequence.incrementAndGet()), data));
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
                ViewAwaiter.closeQuietly(subscription);
                slot.close();
            }
        }
    }
}
