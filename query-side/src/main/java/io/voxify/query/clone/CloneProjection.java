package io.voxify.query.clone;

import io.voxify.events.clone.CloneFittingProgressedEvent;
import io.voxify.events.clone.CloneFittingStartedEvent;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneGenerationRequestedEvent;
import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneByGenerationJobQuery;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.clone.VoiceCloneRefinedEvent;
import io.voxify.query.support.CriteriaPages;
import io.voxify.query.support.JsonColumns;
import io.voxify.query.support.ViewUpdates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(CloneProjection.PROCESSING_GROUP)
public class CloneProjection {
    public static final String PROCESSING_GROUP = "clones";

    private final CloneRepository clones;
    private final EntityManager entityManager;
    private final ViewUpdates views;
    private final JsonColumns json;

    public CloneProjection(CloneRepository clones, EntityManager entityManager, ViewUpdates views, JsonColumns json) {
        this.clones = clones;
        this.entityManager = entityManager;
        this.views = views;
        this.json = json;
    }

    @EventHandler
    void on(VoiceCloneCreatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        if (clones.existsById(e.cloneId())) {
            return; // a creation handled again: the row has it, and maybe later events too
        }
        CloneEntity row = new CloneEntity();
        row.cloneId = e.cloneId();
        row.userId = e.userId();
        row.name = e.name();
        row.description = e.description();
        row.language = e.language();
        row.sampleIds = " " + String.join(" ", e.sampleIds()) + " ";
        row.status = CloneStatus.PENDING.name();
        row.createdAt = at.toEpochMilli();
        save(row, seq, at);
    }

    @EventHandler
    void on(CloneGenerationRequestedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.cloneId(), seq, at, row -> {
            row.generationJobId = e.generationJobId();
            row.generationJson = json.write(new CloneGeneration(null, e.settings(), 0, 0, 0, "queued", null, null));
        });
    }

    @EventHandler
    void on(CloneFittingStartedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.cloneId(), seq, at, row -> {
            row.status = CloneStatus.TRAINING.name();
            generation(row, g -> new CloneGeneration(null, g.settings(), 0, 0, 0, "started", at, null));
        });
    }

    @EventHandler
    void on(CloneFittingProgressedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(
                e.cloneId(),
                seq,
                at,
                row -> generation(
                        row,
                        g -> new CloneGeneration(
                                null,
                                g.settings(),
                                Math.min(99.0, Math.round(1000.0 * e.step() / e.steps()) / 10.0),
                                e.step(),
                                e.steps(),
                                e.stage(),
                                g.startedAt(),
                                null)));
    }

    @EventHandler
    void on(VoiceCloneReadyEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.cloneId(), seq, at, row -> {
            row.status = CloneStatus.READY.name();
            row.profileJson = json.write(e.profile());
            row.qualityJson = json.write(e.quality());
            row.vectorId = e.vectorId();
            row.readyAt = at.toEpochMilli();
            row.processingTimeMs = e.processingTimeMs();
            row.errorMessage = null;
            generation(
                    row,
                    g -> new CloneGeneration(
                            null, g.settings(), 100, g.steps(), g.steps(), "completed", g.startedAt(), at));
        });
    }

    @EventHandler
    void on(VoiceCloneRefinedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.cloneId(), seq, at, row -> {
            row.profileJson = json.write(e.profile());
            row.qualityJson = json.write(e.quality());
        });
    }

    @EventHandler
    void on(VoiceCloneFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.cloneId(), seq, at, row -> {
            row.status = CloneStatus.FAILED.name();
            row.errorMessage = e.reason();
            generation(
                    row,
                    g -> new CloneGeneration(
                            null, g.settings(), g.progress(), g.step(), g.steps(), "failed", g.startedAt(), at));
        });
    }

    @EventHandler
    void on(VoiceCloneDeletedEvent e) {
        clones.deleteById(e.cloneId());
        views.complete(FindCloneQuery.class, e.cloneId());
    }

    @ResetHandler
    void reset() {
        clones.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<CloneView> handle(FindCloneQuery query) {
        return clones.findById(query.cloneId()).map(this::toView);
    }

    @QueryHandler
    public Optional<CloneView> handle(FindCloneByGenerationJobQuery query) {
        return clones.findByGenerationJobId(query.generationJobId()).map(this::toView);
    }

    @QueryHandler
    public ClonePage handle(FindClonesQuery query) {
        CriteriaPages.Page<CloneEntity> page = CriteriaPages.page(
                entityManager,
                CloneEntity.class,
                (cb, root) -> filters(query, cb, root),
                (cb, root) -> List.of(cb.desc(root.get("createdAt")), cb.desc(root.get("cloneId"))),
                query.offset(),
                query.limit());
        return new ClonePage(page.rows().stream().map(this::toView).toList(), page.totalCount());
    }

    private Predicate[] filters(FindClonesQuery q, CriteriaBuilder cb, Root<CloneEntity> root) {
        List<Predicate> where = new ArrayList<>();
        if (q.userId() != null) {
            where.add(cb.equal(root.get("userId"), q.userId()));
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            where.add(
                    root.get("status").in(q.statuses().stream().map(Enum::name).toList()));
        }
        if (q.usingSampleId() != null) {
            where.add(cb.like(root.get("sampleIds"), "% " + q.usingSampleId() + " %"));
        }
        return where.toArray(Predicate[]::new);
    }

    /** Clones from before generation jobs have none to change. */
    private void generation(CloneEntity row, UnaryOperator<CloneGeneration> change) {
        CloneGeneration current = json.read(row.generationJson, CloneGeneration.class);
        if (current != null) {
            row.generationJson = json.write(change.apply(current));
        }
    }

    private void change(String cloneId, long seq, Instant at, Consumer<CloneEntity> mutation) {
        clones.findById(cloneId).ifPresent(row -> {
            if (seq <= row.version) {
                return; // applied already: a redelivery, or a batch handled again after its token moved
            }
            mutation.accept(row);
            save(row, seq, at);
        });
    }

    private void save(CloneEntity row, long seq, Instant at) {
        row.version = Math.max(row.version, seq);
        row.updatedAt = Math.max(row.updatedAt, at.toEpochMilli());
        clones.save(row);
        CloneView view = toView(row);
        views.emit(FindCloneQuery.class, row.cloneId, view);
    }

    CloneView toView(CloneEntity row) {
        List<String> sampleIds = Arrays.stream(row.sampleIds.trim().split(" "))
                .filter(s -> !s.isEmpty())
                .toList();
        return new CloneView(
                row.cloneId,
                row.version,
                row.userId,
                row.name,
                row.description,
                row.language,
                sampleIds,
                CloneStatus.valueOf(row.status),
                json.read(row.profileJson, CloneProfile.class),
                json.read(row.qualityJson, CloneQuality.class),
                row.vectorId,
                row.errorMessage,
                Instant.ofEpochMilli(row.createdAt),
                Instant.ofEpochMilli(row.updatedAt),
                row.readyAt == null ? null : Instant.ofEpochMilli(row.readyAt),
                row.processingTimeMs,
                generationView(row));
    }

    private CloneGeneration generationView(CloneEntity row) {
        CloneGeneration g = json.read(row.generationJson, CloneGeneration.class);
        return g == null
                ? null
                : new CloneGeneration(
                        row.generationJobId,
                        g.settings(),
                        g.progress(),
                        g.step(),
                        g.steps(),
                        g.stage(),
                        g.startedAt(),
                        g.finishedAt());
    }
}
