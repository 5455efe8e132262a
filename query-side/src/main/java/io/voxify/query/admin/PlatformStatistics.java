package io.voxify.query.admin;

import io.voxify.events.admin.PlatformStats;
import io.voxify.events.admin.PlatformStatsQuery;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.job.JobStatus;
import io.voxify.events.sample.SampleStatus;
import io.voxify.query.support.StatusCounts;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Platform figures for administrators, each one an aggregate query over a read model (counts,
 * sums and groupings run in the database; no table is loaded row by row). The queries are
 * portable JPQL, so they answer the same on SQLite and PostgreSQL.
 */
@Component
public class PlatformStatistics {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final EntityManager entityManager;

    public PlatformStatistics(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @QueryHandler
    public PlatformStats handle(PlatformStatsQuery query) {
        long activeSince = query.asOf().minus(Duration.ofDays(query.days())).toEpochMilli();
        long totalUsers = single("select count(u) from UserEntity u");
        // Rows projected before activity was recorded fall back to their last sign-in.
        long activeUsers = entityManager
                .createQuery(
                        "select count(u) from UserEntity u"
                                + " where u.lastActiveAt >= :since or (u.lastActiveAt is null and u.lastLoginAt >= :since)",
                        Long.class)
                .setParameter("since", activeSince)
                .getSingleResult();
        return new PlatformStats(
                query.asOf(),
                totalUsers,
                activeUsers,
                byStatus("JobEntity", JobStatus.class),
                jobsPerDay(query),
                synthesisTime(),
                entityManager
                        .createQuery(
                                "select coalesce(sum(v.totalAudioSeconds), 0) from VoiceStatsEntity v", Number.class)
                        .getSingleResult()
                        .doubleValue(),
                topVoices(query.topVoices()),
                byStatus("SampleEntity", SampleStatus.class),
                byStatus("CloneEntity", CloneStatus.class),
                storage());
    }

    private <S extends Enum<S>> Map<S, Long> byStatus(String entity, Class<S> type) {
        Map<S, Long> counts = new EnumMap<>(type);
        entityManager
                .createQuery("select e.status, count(e) from " + entity + " e group by e.status", Object[].class)
                .getResultList()
                .forEach(r -> StatusCounts.add(counts, type, r[0], r[1]));
        return counts;
    }

    /**
     * Jobs per UTC day. Epoch milliseconds divided by a day's length are the UTC day number, so
     * the grouping needs no date functions (which differ between databases).
     */
    private List<PlatformStats.DayCount> jobsPerDay(PlatformStatsQuery query) {
        LocalDate today = LocalDate.ofInstant(query.asOf(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(query.days() - 1L);
        long from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long until = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Map<Long, Long> byDay = new HashMap<>();
        entityManager
                .createQuery(
                        "select j.createdAt / " + DAY_MS + ", count(j) from JobEntity j"
                                + " where j.createdAt >= :from and j.createdAt < :until group by j.createdAt / "
                                + DAY_MS,
                        Object[].class)
                .setParameter("from", from)
                .setParameter("until", until)
                .getResultList()
                .forEach(r -> byDay.merge(
                        (long) Math.floor(((Number) r[0]).doubleValue()), ((Number) r[1]).longValue(), Long::sum));
        List<PlatformStats.DayCount> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new PlatformStats.DayCount(day, byDay.getOrDefault(day.toEpochDay(), 0L)));
        }
        return days;
    }

    /** Nearest-rank percentiles: the value at rank ceil(p * n) of the n measured times in order. */
    private PlatformStats.SynthesisTime synthesisTime() {
        String measured = " from JobEntity j where j.status = '" + JobStatus.COMPLETED.name()
                + "' and j.processingTimeMs is not null";
        long n = single("select count(j)" + measured);
        if (n == 0) {
            return new PlatformStats.SynthesisTime(0, null, null);
        }
        return new PlatformStats.SynthesisTime(n, rank(measured, n, 50), rank(measured, n, 95));
    }

    private Long rank(String measured, long n, int percentile) {
        long rank = Math.max(1, (percentile * n + 99) / 100);
        return entityManager
                .createQuery("select j.processingTimeMs" + measured + " order by j.processingTimeMs", Long.class)
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, rank - 1))
                .setMaxResults(1)
                .getResultList()
                .stream()
                .findFirst()
                .orElse(null); // jobs deleted since the count: no value
    }

    private List<PlatformStats.VoiceUsage> topVoices(int limit) {
        List<Object[]> rows = entityManager
                .createQuery(
                        "select v.voiceModelId, v.usageCount, v.completed, v.failed,"
                                + " v.totalAudioSeconds from VoiceStatsEntity v order by v.usageCount desc, v.voiceModelId",
                        Object[].class)
                .setMaxResults(limit)
                .getResultList();
        Map<String, String> cloneNames = new HashMap<>();
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        if (!ids.isEmpty()) {
            entityManager
                    .createQuery("select c.cloneId, c.name from CloneEntity c where c.cloneId in :ids", Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(r -> cloneNames.put((String) r[0], (String) r[1]));
        }
        return rows.stream()
                .map(r -> new PlatformStats.VoiceUsage(
                        (String) r[0],
                        cloneNames.get((String) r[0]),
                        (Long) r[1],
                        (Long) r[2],
                        (Long) r[3],
                        ((Number) r[4]).doubleValue()))
                .toList();
    }

    private PlatformStats.Storage storage() {
        Object[] audio = entityManager
                .createQuery(
                        "select count(f), coalesce(sum(f.sizeBytes), 0)" + " from AudioFileEntity f", Object[].class)
                .getSingleResult();
        Object[] samples = entityManager
                .createQuery("select count(s), coalesce(sum(s.sizeBytes), 0)" + " from SampleEntity s", Object[].class)
                .getSingleResult();
        return new PlatformStats.Storage(
                ((Number) audio[0]).longValue(),
                ((Number) audio[1]).longValue(),
                ((Number) samples[0]).longValue(),
                ((Number) samples[1]).longValue());
    }

    private long single(String jpql) {
        return entityManager.createQuery(jpql, Long.class).getSingleResult();
    }
}
