package io.voxify.query;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;

/**
 * Hands events to a projection as its event processor does: through Axon's annotated-handler adapter (so the
 * sequence number, the timestamp and the message itself reach the handler as in production), one event per
 * unit of work (so view updates go out when it commits). The persistence context is then flushed and cleared:
 * the next event and every query read the rows back from the database, as a later transaction would.
 */
public class Deliveries {
    private final EntityManager entityManager;
    private final QueryUpdateEmitter emitter;
    private final List<UpdateHandlerRegistration<?>> subscriptions = new ArrayList<>();

    public Deliveries(EntityManager entityManager, QueryUpdateEmitter emitter) {
        this.entityManager = entityManager;
        this.emitter = emitter;
    }

    /** {@code payload} as event {@code sequence} of aggregate {@code aggregateId}, stored at {@code at}. */
    public void deliver(Object projection, String aggregateId, long sequence, Instant at, Object payload) {
        deliver(projection, "Aggregate", aggregateId, sequence, at, payload);
    }

    public void deliver(
            Object projection, String aggregateType, String aggregateId, long sequence, Instant at, Object payload) {
        GenericDomainEventMessage<?> message = new GenericDomainEventMessage<>(
                aggregateType,
                aggregateId,
                sequence,
                payload,
                MetaData.emptyInstance(),
                IdentifierFactory.getInstance().generateIdentifier(),
                at);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> handlers.handle(message));
        if (result.isExceptional()) {
            throw new AssertionError("The projection failed on " + payload, result.exceptionResult());
        }
        entityManager.flush();
        entityManager.clear();
    }

    /** What a processor's reset does before a replay. */
    public void reset(Object projection) {
        new AnnotationEventHandlerAdapter(projection).prepareReset();
        entityManager.flush();
        entityManager.clear();
    }

    /** A subscriber of {@code query}, from now on. */
    public <V> Subscriber<V> subscribe(Object query, Class<V> viewType) {
        Subscriber<V> subscriber = new Subscriber<>();
        UpdateHandlerRegistration<V> registration = emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(
                        query, ResponseTypes.instanceOf(viewType), ResponseTypes.instanceOf(viewType)),
                1024);
        registration
                .getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .subscribe(subscriber.updates::add, error -> {}, () -> subscriber.completed = true);
        subscriptions.add(registration);
        return subscriber;
    }

    /** Ends the subscriptions a test opened, so the next test's updates find no one listening. */
    public void unsubscribeAll() {
        subscriptions.forEach(registration -> registration.getRegistration().cancel());
        subscriptions.clear();
    }

    /** The updates a subscriber received, in order, and whether its subscription was completed. */
    public static final class Subscriber<V> {
        private final List<V> updates = new CopyOnWriteArrayList<>();
        private volatile boolean completed;

        public List<V> updates() {
            return updates;
        }

        public boolean completed() {
            return completed;
        }
    }
}
