package io.voxify.gateway.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes over asynchronous projections: subscribe to the view first, then take the
 * initial answer or wait for the update that shows the change (the pattern of "subscribe, send,
 * wait"). Never holds a database connection while it waits.
 */
@Component
public class ViewAwaiter {
    private final QueryGateway queries;

    public ViewAwaiter(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * Waits until the view is gone: the projections complete a view's subscriptions when they
     * delete its row, so an empty initial answer or the end of the updates both mean "deleted".
     */
    public <Q, R> void awaitGone(Q query, Class<R> viewType, Duration timeout) {
        SubscriptionQueryResult<Optional<R>, R> result = queries.subscriptionQuery(
                query, ResponseTypes.optionalInstanceOf(viewType), ResponseTypes.instanceOf(viewType));
        try {
            Optional<R> initial = result.initialResult().block(timeout);
            if (initial != null && initial.isPresent()) {
                result.updates().then().block(timeout);
            }
        } catch (IllegalStateException timedOut) {
            // still visible after the timeout: the caller answers anyway; the projection catches up
        } finally {
            closeQuietly(result);
        }
    }

    public <Q, R> Optional<R> await(Q query, Class<R> viewType, Predicate<R> ready, Duration timeout) {
        SubscriptionQueryResult<Optional<R>, R> result = queries.subscriptionQuery(
                query, ResponseTypes.optionalInstanceOf(viewType), ResponseTypes.instanceOf(viewType));
        try {
            Optional<R> initial = result.initialResult().block(timeout);
            if (initial != null && initial.isPresent() && ready.test(initial.get())) {
                return initial;
            }
            R updated = result.updates().filter(ready).next().block(timeout);
            return Optional.ofNullable(updated)
                    .or(() -> queries.query(query, ResponseTypes.optionalInstanceOf(viewType))
                            .join()
                            .filter(ready));
        } catch (IllegalStateException timedOut) {
            return queries.query(query, ResponseTypes.optionalInstanceOf(viewType))
                    .join()
                    .filter(ready);
        } finally {
            closeQuietly(result);
        }
    }

    /**
     * As {@link #await}, without holding the caller's thread while it waits: completes with the view once
     * {@code ready} holds, or with the read model's answer at the timeout (empty unless ready by then).
     */
    public <Q, R> CompletableFuture<Optional<R>> awaitAsync(
            Q query, Class<R> viewType, Predicate<R> ready, Duration timeout) {
        SubscriptionQueryResult<Optional<R>, R> result = queries.subscriptionQuery(
                query, ResponseTypes.optionalInstanceOf(viewType), ResponseTypes.instanceOf(viewType));
        return result.initialResult()
                .flatMap(initial -> Mono.justOrEmpty(initial.filter(ready)))
                .switchIfEmpty(result.updates().filter(ready).next())
                .map(Optional::of)
                .timeout(
                        timeout,
                        Mono.fromFuture(() -> queries.query(query, ResponseTypes.optionalInstanceOf(viewType))
                                .thenApply(now -> now.filter(ready))))
                .defaultIfEmpty(Optional.empty())
                .doFinally(signal -> closeQuietly(result))
                .toFuture();
    }

    /** Closing a subscription whose updates already completed (the view was deleted) fails; that is fine. */
    public static void closeQuietly(SubscriptionQueryResult<?, ?> subscription) {
        try {
            subscription.close();
        } catch (RuntimeException alreadyTerminated) {
            // the subscription ended on its own
        }
    }
}
