package io.voxify.query.sample;

import com.fasterxml.jackson.core.type.TypeReference;
import io.voxify.events.common.AxonNames;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.query.support.CriteriaPages;
import io.voxify.query.support.JsonColumns;
import io.voxify.query.support.ViewUpdates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Voice samples as the API lists them, with their measurements and validation results. */
@Component
@ProcessingGroup(SampleProjection.PROCESSING_GROUP)
public class SampleProjection {
    public static final String PROCESSING_GROUP = AxonNames.SAMPLES_PROCESSING_GROUP;
    private static final TypeReference<List<SampleIssue>> ISSUES = new TypeReference<>() {};

    private final SampleRepository samples;
    private final EntityManager entityManager;
    private final ViewUpdates views;
    private final JsonColumns json;

    public SampleProjection(
            SampleRepository samples, EntityManager entityManager, ViewUpdates views, JsonColumns json) {
        this.samples = samples;
        this.entityManager = entityManager;
        this.views = views;
        this.json = json;
    }

    @EventHandler
    void on(VoiceSampleUploadedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        if (samples.existsById(e.sampleId())) {
            return; // an upload handled again: the row has it, and maybe later events too
        }
        SampleEntity row = new SampleEntity();
        row.sampleId = e.sampleId();
        row.userId = e.userId();
        row.name = e.name();
        row.description = e.description();
        row.language = e.language();
        row.transcript = e.transcript();
        row.status = SampleStatus.UPLOADED.name();
        row.sha256 = e.audio().sha256();
        row.audioJson = json.write(e.audio());
        row.sizeBytes = e.audio().sizeBytes();
        row.createdAt = at.toEpochMilli();
        save(row, seq, at);
    }

    @EventHandler
    void on(SampleProcessingRequestedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.sampleId(), seq, at, row -> {
            row.status = SampleStatus.PROCESSING.name();
            row.processingJobId = e.processingJobId();
            row.errorMessage = null;
        });
    }

    @EventHandler
    void on(SampleProcessedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.sampleId(), seq, at, row -> {
            row.status = SampleStatus.PROCESSED.name();
            row.measurementsJson = json.write(e.measurements());
            row.issuesJson = json.write(List.of());
            row.qualityScore = e.qualityScore();
            row.vectorId = e.vectorId();
            row.embeddingModel = e.embeddingModel();
            row.processedAt = at.toEpochMilli();
        });
    }

    @EventHandler
    void on(SampleRejectedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.sampleId(), seq, at, row -> {
            row.status = SampleStatus.REJECTED.name();
            row.measurementsJson = json.write(e.measurements());
            row.issuesJson = json.write(e.issues());
            row.qualityScore = e.qualityScore();
            row.vectorId = null;
            row.embeddingModel = null;
            row.processedAt = at.toEpochMilli();
        });
    }

    @EventHandler
    void on(SampleProcessingFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.sampleId(), seq, at, row -> {
            row.status = row.vectorId != null ? SampleStatus.PROCESSED.name() : SampleStatus.UPLOADED.name();
            row.errorMessage = e.reason();
        });
    }

    @EventHandler
    void on(VoiceSampleDeletedEvent e) {
        samples.deleteById(e.sampleId());
        views.complete(FindSampleQuery.class, e.sampleId());
    }

    @ResetHandler
    void reset() {
        samples.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<SampleView> handle(FindSampleQuery query) {
        return samples.findById(query.sampleId()).map(this::toView);
    }

    @QueryHandler
    public SamplePage handle(FindSamplesQuery query) {
        CriteriaPages.Page<SampleEntity> page = CriteriaPages.page(
                entityManager,
                SampleEntity.class,
                (cb, root) -> filters(query, cb, root),
                (cb, root) -> List.of(cb.desc(root.get("createdAt")), cb.desc(root.get("sampleId"))),
                query.offset(),
                query.limit());
        return new SamplePage(page.rows().stream().map(this::toView).toList(), page.totalCount());
    }

    private Predicate[] filters(FindSamplesQuery q, CriteriaBuilder cb, Root<SampleEntity> root) {
        List<Predicate> where = new ArrayList<>();
        if (q.userId() != null) {
            where.add(cb.equal(root.get("userId"), q.userId()));
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            where.add(
                    root.get("status").in(q.statuses().stream().map(Enum::name).toList()));
        }
        if (q.sampleIds() != null) {
            where.add(
                    q.sampleIds().isEmpty()
                            ? cb.disjunction()
                            : root.get("sampleId").in(q.sampleIds()));
        }
        return where.toArray(Predicate[]::new);
    }

    private void change(String sampleId, long seq, Instant at, Consumer<SampleEntity> mutation) {
        samples.findById(sampleId).ifPresent(row -> {
            if (seq <= row.version) {
                return; // applied already: a redelivery, or a batch handled again after its token moved
            }
            mutation.accept(row);
            save(row, seq, at);
        });
    }

    private void save(SampleEntity row, long seq, Instant at) {
        row.version = Math.max(row.version, seq);
        row.updatedAt = Math.max(row.updatedAt, at.toEpochMilli());
        samples.save(row);
        SampleView view = toView(row);
        views.emit(FindSampleQuery.class, row.sampleId, view);
    }

    SampleView toView(SampleEntity row) {
        return new SampleView(
                row.sampleId,
                row.version,
                row.userId,
                row.name,
                row.description,
                row.language,
                row.transcript,
                SampleStatus.valueOf(row.status),
                json.read(row.audioJson, SampleAudio.class),
                row.processingJobId,
                json.read(row.measurementsJson, SampleMeasurements.class),
                row.issuesJson == null ? List.of() : json.read(row.issuesJson, ISSUES),
                row.qualityScore,
                row.vectorId,
                row.embeddingModel,
                row.errorMessage,
                Instant.ofEpochMilli(row.createdAt),
                Instant.ofEpochMilli(row.updatedAt),
                row.processedAt == null ? null : Instant.ofEpochMilli(row.processedAt));
    }
}
