package io.voxify.query.user;

import io.voxify.events.admin.FindUsersQuery;
import io.voxify.events.admin.UserPage;
import io.voxify.events.admin.UserSummary;
import io.voxify.events.job.JobStatus;
import io.voxify.query.job.JobEntity;
import io.voxify.query.support.CriteriaPages;
import io.voxify.query.support.StatusCounts;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Accounts as administrators list them, with what each holds. A page costs four queries
 * whatever its size: the users, then their jobs by status, samples and clones grouped by user.
 */
@Component
public class UserDirectory {
    private final EntityManager entityManager;

    public UserDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @QueryHandler
    public UserPage handle(FindUsersQuery query) {
        CriteriaPages.Page<UserEntity> page = CriteriaPages.page(
                entityManager,
                UserEntity.class,
                (cb, root) -> filters(query, cb, root),
                (cb, select, root) -> order(query, cb, select, root),
                query.offset(),
                query.limit());
        List<String> ids = page.rows().stream().map(row -> row.userId).toList();
        Map<String, Map<JobStatus, Long>> jobs = new HashMap<>();
        Map<String, Long> samples = new HashMap<>();
        Map<String, Long> clones = new HashMap<>();
        if (!ids.isEmpty()) {
            entityManager
                    .createQuery(
                            "select j.userId, j.status, count(j) from JobEntity j where j.userId in :ids"
                                    + " group by j.userId, j.status",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(r -> jobs.compute(
                            (String) r[0], (id, counts) -> StatusCounts.add(counts, JobStatus.class, r[1], r[2])));
            countsByUser("SampleEntity", ids).forEach(r -> samples.put((String) r[0], (Long) r[1]));
            countsByUser("CloneEntity", ids).forEach(r -> clones.put((String) r[0], (Long) r[1]));
        }
        return new UserPage(
                page.rows().stream()
                        .map(row -> new UserSummary(
                                UserProjection.toView(row),
                                lastActive(row),
                                jobs.getOrDefault(row.userId, Map.of()),
                                samples.getOrDefault(row.userId, 0L),
                                clones.getOrDefault(row.userId, 0L)))
                        .toList(),
                page.totalCount());
    }

    /** Rows projected before activity was recorded know only the last sign-in. */
    private static Instant lastActive(UserEntity row) {
        Long at = row.lastActiveAt != null ? row.lastActiveAt : row.lastLoginAt;
        return at == null ? null : Instant.ofEpochMilli(at);
    }

    private List<Object[]> countsByUser(String entity, List<String> ids) {
        return entityManager
                .createQuery(
                        "select e.userId, count(e) from " + entity + " e where e.userId in :ids" + " group by e.userId",
                        Object[].class)
                .setParameter("ids", ids)
                .getResultList();
    }

    private static Predicate[] filters(FindUsersQuery q, CriteriaBuilder cb, Root<UserEntity> root) {
        List<Predicate> where = new ArrayList<>();
        if (q.emailContains() != null && !q.emailContains().isEmpty()) {
            where.add(CriteriaPages.containsIgnoringCase(cb, root.get("email"), q.emailContains()));
        }
        if (q.role() != null) {
            where.add(cb.equal(root.get("role"), q.role().name()));
        }
        if (q.enabled() != null) {
            where.add(cb.equal(root.get("enabled"), q.enabled()));
        }
        return where.toArray(Predicate[]::new);
    }

    /** Ties are broken by id, so pages never overlap; users who never signed in sort as the oldest. */
    private static List<Order> order(
            FindUsersQuery q, CriteriaBuilder cb, CriteriaQuery<?> select, Root<UserEntity> root) {
        Expression<?> key = switch (q.sortBy() == null ? "created_at" : q.sortBy()) {
            case "email" -> root.get("email");
            case "last_login_at" -> cb.coalesce(root.<Long>get("lastLoginAt"), 0L);
            case "job_count" -> {
                Subquery<Long> count = select.subquery(Long.class);
                Root<JobEntity> job = count.from(JobEntity.class);
                yield count.select(cb.count(job)).where(cb.equal(job.get("userId"), root.get("userId")));
            }
            default -> root.get("createdAt");
        };
        return q.ascending()
                ? List.of(cb.asc(key), cb.asc(root.get("userId")))
                : List.of(cb.desc(key), cb.desc(root.get("userId")));
    }
}
