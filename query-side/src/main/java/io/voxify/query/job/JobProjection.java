package io.voxify.query.job;

import io.voxify.query.support.ViewUpdates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.audit.FindJobStateAtQuery;
import io.voxify.events.audit.JobStateAt;
import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.CountJobsByStatusQuery;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.job.JobPage;
import io.voxify.events.job.JobProgressedEvent;
import io.voxify.events.job.JobStartedEvent;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobStatusCounts;
import io.voxify.events.job.JobUpdatedEvent;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.job.WebhookStatus;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.events.webhook.WebhookErrors;
import io.voxify.query.support.CriteriaPages;
import io.voxify.query.support.ParsedColumns;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.hibernate.jpa.HibernateHints;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The job read model and its queries. Every handler is idempotent (it sets, never adds), so a
 * replay or a redelivered event leaves the same rows; every change is emitted to the
 * subscription queries of that one job, which is what the SSE progress streams hold.
 */
@Component
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class JobProjection {
    public static final String PROCESSING_GROUP = "jobs";
    private static final Pattern WORD = Pattern.compile("\\S+");
    /** SSML markup, which is not counted as words (the document's length still counts all of it). */
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>");
    private static final Pattern SPOKEN_WORD = Pattern.compile("\\S*[\\p{L}\\p{N}]\\S*");
    private static final TypeReference<List<TimedText>> TIMED_TEXT_LIST = new TypeReference<>() {
    };

    private final JobRepository jobs;
    private final AudioFileRepository files;
    private final EntityManager entityManager;
    private final ViewUpdates views;
    private final ObjectMapper json;
    private final EventStore eventStore;
    /** Settings and timestamps columns as parsed; their values are shared by every view read (see ParsedColumns). */
    private final ParsedColumns<SynthesisSettings> settingsColumns;
    private final ParsedColumns<List<TimedText>> timestampColumns;

    public JobProjection(JobRepository jobs, AudioFileRepository files, EntityManager entityManager,
                         ViewUpdates views, ObjectMapper json, EventStore eventStore) {
        this.eventStore = eventStore;
        this.jobs = jobs;
        this.files = files;
        this.entityManager = entityManager;
        this.views = views;
        this.json = json;
        this.settingsColumns = new ParsedColumns<>(1 << 20, text -> read(text, SynthesisSettings.class));
        this.timestampColumns = new ParsedColumns<>(4 << 20, text -> Collections.unmodifiableList(readList(text)));
    }

    @EventHandler
    void on(JobCreatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        if (entityManager.find(JobEntity.class, e.jobId()) != null) {
            return; // a creation handled again: the row has it, and maybe later events too
        }
        JobEntity row = new JobEntity();
        evolve(row, e, at);
        save(row, seq, at);
    }

    @EventHandler
    void on(JobUpdatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(JobStartedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(JobProgressedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(JobAttemptFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(JobCompletedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        AudioOutput out = e.output();
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
        AudioFileEntity file = entityManager.find(AudioFileEntity.class, out.fileId());
        boolean created = file == null;
        file = created ? new AudioFileEntity() : file;
        file.fileId = out.fileId();
        file.ownerId = e.userId();
        file.jobId = e.jobId();
        file.blobKey = out.blobKey();
        file.format = out.format();
        file.contentType = out.contentType();
        file.sampleRate = out.sampleRate();
        file.channels = out.channels();
        file.sizeBytes = out.sizeBytes();
        file.durationSeconds = out.durationSeconds();
        file.sha256 = out.sha256();
        file.createdAt = at.toEpochMilli();
        if (created) {
            entityManager.persist(file);
        }
    }

    @EventHandler
    void on(JobFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(JobCancelledEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(WebhookDueEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(WebhookAttemptedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(WebhookDeliveredEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    @EventHandler
    void on(WebhookAbandonedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.jobId(), seq, at, row -> evolve(row, e, at));
    }

    /**
     * What one event does to a job row: the single definition of the job read model, used by the
     * projection and by the audit's state-as-of (which folds a job's events up to a moment).
     * Events that do not shape the row (deletion is handled by the caller) leave it unchanged.
     */
    void evolve(JobEntity row, Object event, Instant at) {
        if (event instanceof JobCreatedEvent e) {
            row.jobId = e.jobId();
            row.userId = e.userId();
            row.voiceModelId = e.voiceModelId();
            row.textFormat = e.textFormat();
            row.status = JobStatus.PENDING.name();
            row.progress = 0;
            row.progressMessage = "Job queued for processing";
            row.createdAt = at.toEpochMilli();
            row.attempts = 0;
            row.callbackUrl = e.callbackUrl();
            applyText(row, e.text(), e.textHash(), e.textLanguage(), e.settings());
        } else if (event instanceof JobUpdatedEvent e) {
            row.callbackUrl = e.callbackUrl();
            applyText(row, e.text(), e.textHash(), e.textLanguage(), e.settings());
        } else if (event instanceof JobStartedEvent e) {
            row.status = JobStatus.PROCESSING.name();
            row.attempts = e.attempt();
            row.progress = 0;
            row.progressMessage = e.attempt() == 1 ? "Synthesis started" : "Retrying synthesis (attempt " + e.attempt() + ")";
            if (row.startedAt == null) {
                row.startedAt = at.toEpochMilli();
            }
            row.errorMessage = null;
            row.errorCode = null;
        } else if (event instanceof JobProgressedEvent e) {
            row.progress = e.progress();
            row.progressMessage = e.message();
        } else if (event instanceof JobAttemptFailedEvent e) {
            row.progressMessage = "Attempt " + e.attempt() + " failed: " + e.reason();
            row.errorMessage = e.reason();
            row.errorCode = e.errorCode();
        } else if (event instanceof JobCompletedEvent e) {
            AudioOutput out = e.output();
            row.status = JobStatus.COMPLETED.name();
            row.progress = 100;
            row.progressMessage = "Synthesis completed";
            row.fileId = out.fileId();
            row.duration = out.durationSeconds();
            row.timestampsJson = write(e.timestamps() == null ? List.of() : e.timestamps());
            row.completedAt = at.toEpochMilli();
            row.processingTimeMs = e.processingTimeMs();
            row.errorMessage = null;
            row.errorCode = null;
        } else if (event instanceof JobFailedEvent e) {
            row.status = JobStatus.FAILED.name();
            row.progressMessage = "Synthesis failed";
            row.errorMessage = e.reason();
            row.errorCode = e.errorCode();
            row.completedAt = at.toEpochMilli();
            if (row.startedAt != null) {
                row.processingTimeMs = at.toEpochMilli() - row.startedAt;
            }
        } else if (event instanceof JobCancelledEvent) {
            row.status = JobStatus.CANCELLED.name();
            row.progressMessage = "Job cancelled";
            row.completedAt = at.toEpochMilli();
        } else if (event instanceof WebhookDueEvent e) {
            row.webhookDeliveryId = e.deliveryId();
            row.webhookEvent = e.event();
            row.webhookState = WebhookStatus.PENDING;
            row.webhookAttempts = 0;
            row.webhookNextAttemptAt = at.toEpochMilli();
        } else if (event instanceof WebhookAttemptedEvent e) {
            row.webhookAttempts = e.attempt();
            row.webhookLastStatus = e.statusCode();
            row.webhookLastError = WebhookErrors.category(e.error(), e.statusCode());
            row.webhookLastAttemptAt = e.attemptedAt() == null ? at.toEpochMilli() : e.attemptedAt().toEpochMilli();
            row.webhookNextAttemptAt = e.nextAttemptAt() == null ? null : e.nextAttemptAt().toEpochMilli();
        } else if (event instanceof WebhookDeliveredEvent e) {
            row.webhookState = WebhookStatus.DELIVERED;
            row.webhookDeliveredAt = e.deliveredAt() == null ? at.toEpochMilli() : e.deliveredAt().toEpochMilli();
            row.webhookNextAttemptAt = null;
        } else if (event instanceof WebhookAbandonedEvent e) {
            // The reason stays in the event (the audit shows it); the view keeps the last try's category.
            row.webhookState = WebhookStatus.ABANDONED;
            row.webhookNextAttemptAt = null;
        }
    }

    @EventHandler
    void on(JobDeletedEvent e) {
        jobs.deleteById(e.jobId());
        files.deleteByJobId(e.jobId());
        views.complete(FindJobQuery.class, e.jobId());
    }

    @ResetHandler
    void reset() {
        files.deleteAllInBatch();
        jobs.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<JobView> handle(FindJobQuery query) {
        return jobs.findById(query.jobId()).map(this::toView);
    }

    /**
     * A page of jobs. The query is JPQL text built from the filters present, not a criteria
     * tree: Hibernate caches the plan of a query text (its SQL translation included) and reuses
     * it, where it translates a criteria tree again on every call, inside the transaction that
     * holds the one SQLite connection. Every value is a parameter, so the texts stay few.
     */
    @QueryHandler
    public JobPage handle(FindJobsQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        if (query.userId() != null) {
            where.append(" and j.userId = :userId");
            parameters.put("userId", query.userId());
        }
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            where.append(" and j.status in :statuses");
            parameters.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.voiceModelId() != null) {
            where.append(" and j.voiceModelId = :voiceModelId");
            parameters.put("voiceModelId", query.voiceModelId());
        }
        if (query.textSearch() != null && !query.textSearch().isEmpty()) {
            where.append(" and lower(j.text) like :textSearch escape '\\'");
            parameters.put("textSearch", CriteriaPages.containsPattern(query.textSearch()));
        }
        if (query.createdAfter() != null) {
            where.append(" and j.createdAt >= :createdAfter");
            parameters.put("createdAfter", query.createdAfter().toEpochMilli());
        }
        if (query.createdBefore() != null) {
            where.append(" and j.createdAt <= :createdBefore");
            parameters.put("createdBefore", query.createdBefore().toEpochMilli());
        }
        String direction = query.ascending() ? " asc" : " desc";
        TypedQuery<JobEntity> select = entityManager.createQuery("select j from JobEntity j" + where
                        + " order by j." + sortColumn(query.sortBy()) + direction + ", j.jobId" + direction, JobEntity.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setFirstResult(query.offset()).setMaxResults(query.limit());
        TypedQuery<Long> count = entityManager.createQuery("select count(j) from JobEntity j" + where, Long.class);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<JobEntity> rows = select.getResultList();
        return new JobPage(rows.stream().map(this::toView).toList(), count.getSingleResult());
    }

    /**
     * The job as it stood at a moment: its events up to that moment folded through the same
     * {@link #evolve} the projection uses, so the past state and today's row never disagree.
     */
    @QueryHandler
    public JobStateAt handle(FindJobStateAtQuery query) {
        JobEntity row = null;
        int count = 0;
        long lastSequence = -1;
        Instant createdAt = null;
        Instant deletedAt = null;
        DomainEventStream stream = eventStore.readEvents(query.jobId());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            createdAt = createdAt == null ? event.getTimestamp() : createdAt;
            if (event.getTimestamp().isAfter(query.at())) {
                break;
            }
            if (event.getPayload() instanceof JobDeletedEvent) {
                deletedAt = event.getTimestamp();
                break;
            }
            row = row == null ? new JobEntity() : row;
            evolve(row, event.getPayload(), event.getTimestamp());
            stamp(row, event.getSequenceNumber(), event.getTimestamp());
            count++;
            lastSequence = event.getSequenceNumber();
        }
        JobView view = row == null || row.jobId == null || deletedAt != null ? null : toView(row);
        return new JobStateAt(query.at(), view, count, lastSequence, createdAt, deletedAt);
    }

    @QueryHandler
    public JobStatusCounts handle(CountJobsByStatusQuery query) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        jobs.countByStatus().forEach(r -> counts.put(JobStatus.valueOf((String) r[0]), ((Number) r[1]).longValue()));
        return new JobStatusCounts(counts);
    }

    @QueryHandler
    public Optional<FileView> handle(FindFileQuery query) {
        return files.findById(query.fileOrJobId())
                .or(() -> files.findFirstByJobId(query.fileOrJobId()))
                .map(f -> new FileView(f.fileId, f.ownerId, f.jobId, f.blobKey, f.format, f.contentType,
                        f.sampleRate, f.channels, f.sizeBytes, f.durationSeconds, f.sha256,
                        Instant.ofEpochMilli(f.createdAt)));
    }

    private static String sortColumn(String sortBy) {
        return switch (sortBy == null ? "created_at" : sortBy) {
            case "updated_at" -> "updatedAt";
            case "status" -> "status";
            case "progress" -> "progress";
            case "duration" -> "duration";
            case "text_length" -> "textLength";
            default -> "createdAt";
        };
    }

    private void applyText(JobEntity row, String text, String hash, String language, SynthesisSettings settings) {
        row.text = text;
        row.textHash = hash;
        row.textLanguage = language;
        row.textLength = text.codePointCount(0, text.length());
        row.wordCount = JobCreatedEvent.SSML.equals(row.textFormat)
                ? (int) SPOKEN_WORD.matcher(MARKUP.matcher(text).replaceAll(" ")).results().count()
                : (int) WORD.matcher(text).results().count();
        row.settingsJson = write(settings);
    }

    private void change(String jobId, long seq, Instant at, Consumer<JobEntity> mutation) {
        // The entity manager directly: the repository's proxy chain cost more than the look-up
        // itself (which the batch's persistence context answers for all but a job's first event).
        Optional.ofNullable(entityManager.find(JobEntity.class, jobId)).ifPresent(row -> {
            if (seq <= row.version) {
                return; // applied already: a redelivery, or a batch handled again after its token moved
            }
            mutation.accept(row);
            save(row, seq, at);
        });
    }

    /**
     * Rows the look-up found are managed: their changes are flushed with the batch's
     * transaction. A new row is persisted, not merged: its absence was just read, and a merge
     * would read it again (a second query per job).
     */
    private void save(JobEntity row, long seq, Instant at) {
        stamp(row, seq, at);
        if (!entityManager.contains(row)) {
            entityManager.persist(row);
        }
        JobEntity snapshot = row.snapshot();
        views.emit(FindJobQuery.class, row.jobId, () -> toView(snapshot));
    }

    /** Marks the row with the newest event applied to it (the version SSE clients order by). */
    static void stamp(JobEntity row, long seq, Instant at) {
        row.version = Math.max(row.version, seq);
        row.updatedAt = Math.max(row.updatedAt, at.toEpochMilli());
    }

    JobView toView(JobEntity row) {
        return new JobView(row.jobId, row.version, row.userId, row.voiceModelId, row.text, row.textHash, row.textLanguage,
                row.textFormat, row.textLength, row.wordCount, JobStatus.valueOf(row.status), row.progress,
                row.progressMessage, settingsColumns.get(row.settingsJson), row.fileId, row.duration,
                timestampColumns.get(row.timestampsJson), row.errorMessage, row.errorCode,
                row.attempts, Instant.ofEpochMilli(row.createdAt), Instant.ofEpochMilli(row.updatedAt),
                row.startedAt == null ? null : Instant.ofEpochMilli(row.startedAt),
                row.completedAt == null ? null : Instant.ofEpochMilli(row.completedAt), row.processingTimeMs,
                row.callbackUrl, webhook(row));
    }

    private static WebhookStatus webhook(JobEntity row) {
        if (row.webhookDeliveryId == null) {
            return null;
        }
        return new WebhookStatus(row.webhookDeliveryId, row.webhookEvent, row.webhookState,
                row.webhookAttempts == null ? 0 : row.webhookAttempts, row.webhookLastStatus,
                WebhookErrors.category(row.webhookLastError, row.webhookLastStatus), // rows written before categories
                instant(row.webhookLastAttemptAt), instant(row.webhookNextAttemptAt), instant(row.webhookDeliveredAt));
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise read-model column", e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return value == null ? null : json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt read-model column", e);
        }
    }

    private List<TimedText> readList(String value) {
        try {
            return json.readValue(value, TIMED_TEXT_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt read-model column", e);
        }
    }
}
