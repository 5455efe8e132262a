package io.voxify.gateway.admin;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.admin.ProjectionStatus.Kind;
import io.voxify.gateway.admin.ProjectionStatus.State;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.axonframework.serialization.Serializer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Service;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The streaming event processors of this node and replays of their read models, done as Axon
 * does them: shut the processor down, reset its tokens (the projection's reset handlers empty
 * its tables), start it again; the rows come back as it catches up with the event store while
 * the API keeps answering from the tables as they refill.
 * <p>
 * Only projections are replayed. Sagas would send their commands again and clean-ups act on
 * the world; neither has a reset handler, and that is what tells them apart.
 */
@Service
public class Projections {
    private static final String TOKENS_OF = "select t from TokenEntry t where t.processorName = :name";

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final TransactionManager transactions;
    private final EntityManager entityManager;
    private final Serializer serializer;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock readers = new ReentrantReadWriteLock();
    private final Object replays = new Object();

    public Projections(
            EventProcessingConfiguration processing,
            EventStore events,
            TransactionManager transactions,
            EntityManager entityManager,
            Serializer serializer) {
        this.processing = processing;
        this.events = events;
        this.transactions = transactions;
        this.entityManager = entityManager;
        this.serializer = serializer;
    }

    public List<ProjectionStatus> all() {
        StoreRange store = storeRange();
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(p -> status((StreamingEventProcessor) p, store))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    public ProjectionStatus find(String name) {
        return status(processor(name), storeRange());
    }

    /**
     * Starts rebuilding a projection from the first event and answers at once. The dead letters
     * of the old run go with the old rows: the replay hands every event to the handlers again,
     * and an event that still fails is dead-lettered anew.
     */
    public ProjectionStatus replay(String name) {
        if (!readers.writeLock().tryLock()) {
            throw new DomainException(
                    ErrorCode.CONFLICT,
                    "A storage sweep is checking references in the read models;" + " replay " + name
                            + " once it has finished",
                    Map.of("name", name));
        }
        try {
            return replayUnlocked(name);
        } finally {
            readers.writeLock().unlock();
        }
    }

    /**
     * Runs {@code work} while no replay can start on this node: for work that takes a missing read-model row as
     * proof that something is not referred to (a storage sweep). Replays on other nodes show in the stored tokens.
     */
    public <T> T withoutReplays(Supplier<T> work) {
        readers.readLock().lock();
        try {
            return work.get();
        } finally {
            readers.readLock().unlock();
        }
    }

    private ProjectionStatus replayUnlocked(String name) {
        StreamingEventProcessor processor = processor(name);
        Kind kind = kindOf(processor);
        if (kind != Kind.PROJECTION || !processor.supportsReset()) {
            throw new DomainException(
                    ErrorCode.PROJECTION_NOT_REPLAYABLE,
                    name + " is a " + kind.wireName()
                            + ", not a read-model projection: replaying it would repeat its effects",
                    Map.of("name", name, "kind", kind.wireName()));
        }
        synchronized (replays) {
            if (status(processor, storeRange()).replayProgress() != null) {
                throw new DomainException(
                        ErrorCode.REPLAY_IN_PROGRESS,
                        "A replay of " + name + " is already running",
                        Map.of("name", name));
            }
            processor.shutDown();
            try {
                transactions.executeInTransaction(() -> {
                    processing.deadLetterQueue(name).ifPresent(SequencedDeadLetterQueue::clear);
                    processor.resetTokens();
                });
            } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException claimedElsewhere) {
                // Another node runs this projection: a reset needs every segment, so stop it there first.
                throw new DomainException(
                        ErrorCode.CONFLICT,
                        "Another node is running " + name
                                + "; replay it where it runs, or stop the projection on the other nodes first",
                        Map.of("name", name));
            } finally {
                processor.start();
            }
        }
        return find(name);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessors().values().stream()
                .filter(p -> p.getName().equals(name))
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .findFirst()
                .orElseThrow(() -> new DomainException(
                        ErrorCode.PROJECTION_NOT_FOUND, "No event processor is named " + name, Map.of("name", name)));
    }

    private ProjectionStatus status(StreamingEventProcessor processor, StoreRange store) {
        String name = processor.getName();
        List<SegmentState> segments = segments(processor);
        Long position = segments.isEmpty()
                ? null
                : segments.stream()
                        .mapToLong(s -> s.position().orElse(store.tail()))
                        .min()
                        .orElseThrow();
        Double progress = segments.stream()
                .filter(SegmentState::replaying)
                .map(s -> s.replayProgress(store.tail()))
                .min(Double::compare)
                .orElse(null);
        String error = segments.stream()
                .map(SegmentState::error)
                .filter(Objects::nonNull)
                .findFirst()
                .map(e -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                .orElse(processor.isError() ? "The processor failed and is retrying" : null);
        State state = !processor.isRunning()
                ? State.STOPPED
                : error != null ? State.ERROR : progress != null ? State.REPLAYING : State.RUNNING;
        Kind kind = kindOf(processor);
        long reached = position == null ? store.tail() : position;
        Long deadLetters = processing
                .deadLetterQueue(name)
                .map(SequencedDeadLetterQueue::size)
                .orElse(null);
        return new ProjectionStatus(
                name,
                kind,
                kind == Kind.PROJECTION && processor.supportsReset(),
                state,
                position,
                store.head(),
                Math.max(0, store.head() - reached),
                progress,
                deadLetters,
                error);
    }

    /**
     * Each segment as its worker thread sees it, or, where no thread holds it (the processor is
     * stopped, or starting), as its token was last stored.
     */
    private List<SegmentState> segments(StreamingEventProcessor processor) {
        Map<Integer, SegmentState> segments = new TreeMap<>();
        storedTokens(processor.getName()).forEach((segment, token) -> segments.put(segment, SegmentState.of(token)));
        processor.processingStatus().forEach((segment, status) -> segments.put(segment, SegmentState.of(status)));
        return new ArrayList<>(segments.values());
    }

    /** Read without claiming: fetching through the token store would take the segment's claim. */
    private Map<Integer, TrackingToken> storedTokens(String processorName) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        entityManager
                .createQuery(TOKENS_OF, TokenEntry.class)
                .setParameter("name", processorName)
                .getResultList()
                .forEach(entry -> tokens.put(entry.getSegment(), entry.getToken(serializer)));
        return tokens;
    }

    private StoreRange storeRange() {
        long head = position(events.createHeadToken()).orElse(0);
        long tail = position(events.createTailToken()).orElse(head);
        return new StoreRange(tail, head);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    private Kind kindOf(EventProcessor processor) {
        return kinds.computeIfAbsent(processor.getName(), name -> classify(processor));
    }

    private static Kind classify(EventProcessor processor) {
        List<EventHandlerInvoker> invokers = processor instanceof AbstractEventProcessor p
                ? flatten(p.eventHandlerInvoker()).toList()
                : List.of();
        if (invokers.stream().anyMatch(AbstractSagaManager.class::isInstance)) {
            return Kind.SAGA;
        }
        List<Class<?>> handlerTypes = invokers.stream()
                .filter(SimpleEventHandlerInvoker.class::isInstance)
                .flatMap(i -> ((SimpleEventHandlerInvoker) i).eventHandlers().stream())
                .<Class<?>>map(Projections::handlerType)
                .toList();
        return !handlerTypes.isEmpty() && handlerTypes.stream().allMatch(Projections::hasResetHandler)
                ? Kind.PROJECTION
                : Kind.CLEANUP;
    }

    private static Stream<EventHandlerInvoker> flatten(EventHandlerInvoker invoker) {
        return invoker instanceof MultiEventHandlerInvoker multi
                ? multi.delegates().stream().flatMap(Projections::flatten)
                : Stream.of(invoker);
    }

    private static Class<?> handlerType(EventMessageHandler handler) {
        Class<?> type =
                handler instanceof AnnotationEventHandlerAdapter adapter ? adapter.getTargetType() : handler.getClass();
        return ClassUtils.getUserClass(type);
    }

    private static boolean hasResetHandler(Class<?> type) {
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type)) {
            if (AnnotatedElementUtils.hasAnnotation(method, ResetHandler.class)) {
                return true;
            }
        }
        return false;
    }

    private record StoreRange(long tail, long head) {}

    /**
     * One segment. Axon keeps a replay token until an event beyond the reset point arrives, which
     * in a quiet store may be never; the replay itself is over once the segment has re-handled
     * everything up to that point, so that is when it stops counting as replaying here.
     */
    private record SegmentState(
            boolean replayToken, OptionalLong position, OptionalLong resetPosition, Throwable error) {
        static SegmentState of(EventTrackerStatus status) {
            return new SegmentState(
                    status.isReplaying(),
                    status.getCurrentPosition(),
                    status.getResetPosition(),
                    status.isErrorState() ? status.getError() : null);
        }

        static SegmentState of(TrackingToken token) {
            return new SegmentState(
                    ReplayToken.isReplay(token),
                    Projections.position(token),
                    token == null ? OptionalLong.empty() : ReplayToken.getTokenAtReset(token),
                    null);
        }

        boolean replaying() {
            return replayToken
                    && (resetPosition.isEmpty()
                            || position.isEmpty()
                            || position.getAsLong() < resetPosition.getAsLong());
        }

        /**
         * How far the replay has come from the start of the store towards the position the
         * processor had reached when it was reset, by global index.
         */
        double replayProgress(long tail) {
            if (resetPosition.isEmpty()) {
                return 0;
            }
            long span = resetPosition.getAsLong() - tail;
            if (span <= 0) {
                return 1;
            }
            long done = position.orElse(tail) - tail;
            return Math.min(1, Math.max(0, (double) done / span));
        }
    }
}
