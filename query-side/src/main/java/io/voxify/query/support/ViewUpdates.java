package io.voxify.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.admin.FindPlatformConfigQuery;
import io.voxify.events.admin.PlatformConfigView;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.JobView;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.FindFavoritesQuery;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.SampleView;
import io.voxify.events.training.FindTrainingJobQuery;
import io.voxify.events.training.TrainingView;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.UserView;
import io.voxify.infrastructure.fanout.ViewFanout;
import io.voxify.infrastructure.fanout.ViewUpdateReceiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How projections tell subscribers that a view changed. Updates are keyed by the id the
 * subscription query asks for, so they can travel between nodes: emitted here at once (Axon
 * sends them when the projection's transaction commits) and, when the installation has several
 * nodes, handed to the {@link ViewFanout} after the commit, to be emitted again on every other
 * node. Subscribers drop updates they have already seen (views carry their version).
 */
@Component
public class ViewUpdates implements ViewUpdateReceiver {
    private static final Map<Class<?>, Function<Object, String>> KEYS = Map.of(
            FindJobQuery.class, q -> ((FindJobQuery) q).jobId(),
            FindUserQuery.class, q -> ((FindUserQuery) q).userId(),
            FindSampleQuery.class, q -> ((FindSampleQuery) q).sampleId(),
            FindCloneQuery.class, q -> ((FindCloneQuery) q).cloneId(),
            FindTrainingJobQuery.class, q -> ((FindTrainingJobQuery) q).trainingJobId(),
            FindFavoritesQuery.class, q -> ((FindFavoritesQuery) q).userId(),
            FindUserRatingsQuery.class, q -> ((FindUserRatingsQuery) q).userId(),
            FindPlatformConfigQuery.class, q -> "");
    /** The views projections emit (what another node's update may carry). */
    private static final Set<Class<?>> VIEWS = Set.of(
            JobView.class,
            UserView.class,
            SampleView.class,
            CloneView.class,
            TrainingView.class,
            FavoritesView.class,
            UserRatingsView.class,
            PlatformConfigView.class);

    private static final String PENDING = ViewUpdates.class.getName() + ".pending";
    private static final String LOCAL_PENDING = ViewUpdates.class.getName() + ".local";

    private final String node = UUID.randomUUID().toString();
    private final QueryUpdateEmitter emitter;
    private final ObjectMapper json;
    private final Optional<ViewFanout> fanout;

    public ViewUpdates(QueryUpdateEmitter emitter, ObjectMapper json, ObjectProvider<ViewFanout> fanout) {
        this.emitter = emitter;
        this.json = json;
        this.fanout = Optional.ofNullable(fanout.getIfAvailable());
    }

    /** The view asked for by {@code key} through {@code queryType} is now {@code view}. */
    public void emit(Class<?> queryType, String key, Object view) {
        emit(queryType, key, () -> view);
    }

    /**
     * As {@link #emit(Class, String, Object)}, the view built only when it is sent: to this node's
     * subscribers only if one is waiting for that key once the transaction has committed, and always
     * when other nodes are told. A replay of thousands of events on one node then builds no view and
     * no update message (whose correlation data would deserialise each event's metadata). The
     * supplier is called after the handler has returned, so it must read a snapshot of the row, not
     * the managed row that later events of the batch go on changing.
     */
    public void emit(Class<?> queryType, String key, Supplier<?> view) {
        if (fanout.isPresent()) {
            Object built = view.get();
            emitLocally(queryType, key, () -> built);
            afterCommit(
                    fanout.get(),
                    new ViewFanout.ViewUpdate(
                            node, queryType.getName(), key, built.getClass().getName(), write(built), false));
        } else {
            emitLocally(queryType, key, view);
        }
    }

    /** The view asked for by {@code key} is gone: its subscriptions end. */
    public void complete(Class<?> queryType, String key) {
        completeLocally(queryType, key);
        fanout.ifPresent(
                out -> afterCommit(out, new ViewFanout.ViewUpdate(node, queryType.getName(), key, null, null, true)));
    }

    /**
     * An update from another node: emitted to this node's subscribers (its own are ignored). Only
     * the known subscription queries and view types are accepted, whatever the message names.
     */
    @Override
    public void receive(ViewFanout.ViewUpdate update) {
        if (node.equals(update.origin())) {
            return;
        }
        Class<?> queryType = known(KEYS.keySet(), update.queryType());
        if (update.complete()) {
            completeLocally(queryType, update.key());
        } else {
            try {
                Object view = json.readValue(update.viewJson(), known(VIEWS, update.viewType()));
                emitLocally(queryType, update.key(), () -> view);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Unreadable view update for " + update.queryType(), e);
            }
        }
    }

    private void emitLocally(Class<?> queryType, String key, Supplier<?> view) {
        Function<Object, String> keyOf = keyOf(queryType);
        afterLocalCommit(() -> {
            boolean wanted = emitter.activeSubscriptions().stream()
                    .map(Message::getPayload)
                    .anyMatch(q -> queryType.isInstance(q) && Objects.equals(keyOf.apply(q), key));
            if (wanted) {
                emitter.emit(cast(queryType), q -> Objects.equals(keyOf.apply(q), key), view.get());
            }
        });
    }

    private void completeLocally(Class<?> queryType, String key) {
        Function<Object, String> keyOf = keyOf(queryType);
        afterLocalCommit(() -> emitter.complete(cast(queryType), q -> Objects.equals(keyOf.apply(q), key)));
    }

    /**
     * Runs after the commit, in the order the updates were made, as Axon's emitter itself would
     * (it too collects a unit of work's updates and sends them after the commit): a subscriber that
     * subscribes before the commit gets the update, one that subscribes after it reads the committed
     * row in its initial result. Outside a unit of work (an update from another node), at once.
     */
    private static void afterLocalCommit(Runnable update) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.STARTED) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            List<Runnable> pending = root.getOrComputeResource(LOCAL_PENDING, key -> {
                List<Runnable> inOrder = new ArrayList<>();
                root.afterCommit(committed -> inOrder.forEach(Runnable::run));
                return inOrder;
            });
            pending.add(update);
        } else {
            update.run();
        }
    }

    /**
     * Publishes after the commit, in the order the updates were made. Axon runs a batch's
     * after-commit handlers newest first, so the updates of one unit of work are collected and
     * published by a single handler; otherwise other nodes would drop all but each batch's last
     * step as stale.
     */
    private static void afterCommit(ViewFanout out, ViewFanout.ViewUpdate update) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            List<ViewFanout.ViewUpdate> pending = root.getOrComputeResource(PENDING, key -> {
                List<ViewFanout.ViewUpdate> inOrder = new ArrayList<>();
                root.afterCommit(committed -> inOrder.forEach(out::publish));
                return inOrder;
            });
            pending.add(update);
        } else {
            out.publish(update);
        }
    }

    private static Function<Object, String> keyOf(Class<?> queryType) {
        Function<Object, String> keyOf = KEYS.get(queryType);
        if (keyOf == null) {
            throw new IllegalArgumentException("No view key known for " + queryType.getName());
        }
        return keyOf;
    }

    @SuppressWarnings("unchecked")
    private static <Q> Class<Q> cast(Class<?> type) {
        return (Class<Q>) type;
    }

    private static Class<?> known(Set<Class<?>> types, String name) {
        return types.stream()
                .filter(type -> type.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a view update type: " + name));
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialise view " + view.getClass().getName(), e);
        }
    }
}
