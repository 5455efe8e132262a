package io.voxify.query.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.AxonNames;
import io.voxify.events.job.CountJobsByStatusQuery;
import io.voxify.events.job.ExpirableJob;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.FindJobsToExpireQuery;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobContentExpiredEvent;
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
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.query.support.CriteriaPages;
import io.voxify.query.support.ViewUpdates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.hibernate.jpa.HibernateHints;
import org.springframework.stereotype.Component;

/**
 * The job list: one row per job, the queries that read them, and the updates that the subscription
 * queries of one job (what the SSE progress streams hold) receive on every change. What an event does
 * to a job is {@link JobEvolver}'s to say; this class reads the row, hands it the event and stores what
 * comes back, so a replay or a redelivered event leaves the same rows. The job's audio file is kept by
 * {@link AudioFileProjection}, in the same processing group; {@link JobHistory} rebuilds a job's past
 * states through the same evolver.
 */
@Component
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class JobProjection {
    public static final String PROCESSING_GROUP = AxonNames.JOBS_PROCESSING_GROUP;

    private final JobRepository jobs;
    private final EntityManager entityManager;
    private final ViewUpdates views;
    private final JobRows rows;

    public JobProjection(JobRepository jobs, EntityManager entityManager, ViewUpdates views, ObjectMapper json) {
        this.jobs = jobs;
        this.entityManager = entityManager;
        this.views = views;
        this.rows = new JobRows(json);
    }

    @EventHandler
    void on(JobCreatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobUpdatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobStartedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobProgressedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobAttemptFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobCompletedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobCancelledEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobContentExpiredEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(WebhookDueEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(WebhookAttemptedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(WebhookDeliveredEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(WebhookAbandonedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        evolve(e.jobId(), e, seq, at);
    }

    @EventHandler
    void on(JobDeletedEvent e) {
        jobs.deleteById(e.jobId());
        views.complete(FindJobQuery.class, e.jobId());
    }

    @ResetHandler
    void reset() {
        jobs.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<JobView> handle(FindJobQuery query) {
        return jobs.findById(query.jobId()).map(rows::view);
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
        Map<String, Object> parameters = new LinkedHashMap<>();
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
        TypedQuery<JobEntity> select = entityManager
                .createQuery(
                        "select j from JobEntity j" + where + " order by j." + sortColumn(query.sortBy()) + direction
                                + ", j.jobId" + direction,
                        JobEntity.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setFirstResult(query.offset())
                .setMaxResults(query.limit());
        TypedQuery<Long> count = entityManager.createQuery("select count(j) from JobEntity j" + where, Long.class);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<JobEntity> page = select.getResultList();
        return new JobPage(page.stream().map(rows::view).toList(), count.getSingleResult());
    }

    /**
     * Retention's next page: finished jobs not yet expired that ended before the cutoff, in the order they
     * ended. Every finished job has an end ({@code completedAt} is set on completion, failure and
     * cancellation alike), and an unfinished one has none, so the end alone picks them, walking
     * {@code ix_job_view_expiry}; the status is checked as well. The page continues after the last job handed
     * out (keyset), never by offset, since the jobs before it are being expired meanwhile.
     */
    @QueryHandler
    public List<ExpirableJob> handle(FindJobsToExpireQuery query) {
        boolean continued = query.after() != null;
        TypedQuery<JobEntity> select = entityManager
                .createQuery(
                        "select j from JobEntity j where j.contentExpiredAt is null and j.completedAt < :endedBefore"
                                + " and j.status in :finished"
                                + (continued
                                        ? " and (j.completedAt > :afterEnd"
                                                + " or (j.completedAt = :afterEnd and j.jobId > :afterId))"
                                        : "")
                                + " order by j.completedAt, j.jobId",
                        JobEntity.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setParameter("endedBefore", query.endedBefore().toEpochMilli())
                .setParameter(
                        "finished",
                        List.of(JobStatus.COMPLETED.name(), JobStatus.FAILED.name(), JobStatus.CANCELLED.name()))
                .setMaxResults(query.limit());
        if (continued) {
            select.setParameter("afterEnd", query.after().endedAt().toEpochMilli())
                    .setParameter("afterId", query.after().jobId());
        }
        return select.getResultList().stream()
                .map(j -> new ExpirableJob(
                        j.jobId, j.userId, Instant.ofEpochMilli(j.completedAt), j.textLength, j.wordCount))
                .toList();
    }

    @QueryHandler
    public JobStatusCounts handle(CountJobsByStatusQuery query) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        jobs.countByStatus().forEach(r -> counts.put(JobStatus.valueOf((String) r[0]), ((Number) r[1]).longValue()));
        return new JobStatusCounts(counts);
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

    /**
     * Applies one event to the job's row. The entity manager is used directly: the repository's proxy
     * chain cost more than the look-up itself (which the batch's persistence context answers for all
     * but a job's first event). A row found is managed, so its changes are flushed with the batch's
     * transaction; a new row is persisted, not merged, since its absence was just read and a merge
     * would read it again (a second query per job).
     */
    private void evolve(String jobId, Object event, long seq, Instant at) {
        JobEntity row = entityManager.find(JobEntity.class, jobId);
        JobView before = row == null ? null : rows.view(row);
        JobView after = JobEvolver.evolve(before, event, seq, at);
        if (after == before || after == null) {
            return; // applied already, or a job this read model does not hold (never created, or deleted)
        }
        if (row == null) {
            row = new JobEntity();
            rows.write(row, after, null);
            entityManager.persist(row);
        } else {
            rows.write(row, after, before);
        }
        views.emit(FindJobQuery.class, jobId, after);
    }
}
