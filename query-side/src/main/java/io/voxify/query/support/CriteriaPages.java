package io.voxify.query.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.function.BiFunction;
import org.hibernate.jpa.HibernateHints;

/**
 * One page of a filtered, ordered read-model table and the count of every matching row. Pages
 * are for query handlers, which only read: the rows are loaded read-only, so Hibernate keeps no
 * snapshot of them and does not dirty-check them when the query's transaction commits (work
 * done while the one SQLite connection is held).
 */
public final class CriteriaPages {

    private CriteriaPages() {}

    public record Page<E>(List<E> rows, long totalCount) {}

    /** An ordering that may need the query itself, to order by a subquery. */
    @FunctionalInterface
    public interface Ordering<E> {
        List<Order> of(CriteriaBuilder cb, CriteriaQuery<?> query, Root<E> root);
    }

    public static <E> Page<E> page(
            EntityManager entityManager,
            Class<E> type,
            BiFunction<CriteriaBuilder, Root<E>, Predicate[]> filters,
            BiFunction<CriteriaBuilder, Root<E>, List<Order>> order,
            int offset,
            int limit) {
        return page(
                entityManager, type, filters, (Ordering<E>) (cb, query, root) -> order.apply(cb, root), offset, limit);
    }

    public static <E> Page<E> page(
            EntityManager entityManager,
            Class<E> type,
            BiFunction<CriteriaBuilder, Root<E>, Predicate[]> filters,
            Ordering<E> order,
            int offset,
            int limit) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<E> select = cb.createQuery(type);
        Root<E> root = select.from(type);
        select.where(filters.apply(cb, root)).orderBy(order.of(cb, select, root));
        List<E> rows = entityManager
                .createQuery(select)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<E> countRoot = count.from(type);
        count.select(cb.count(countRoot)).where(filters.apply(cb, countRoot));
        return new Page<>(rows, entityManager.createQuery(count).getSingleResult());
    }

    /**
     * A case-insensitive substring match in which the client's {@code %}, {@code _} and
     * {@code \} are literal characters, not wildcards.
     */
    public static Predicate containsIgnoringCase(CriteriaBuilder cb, Expression<String> value, String fragment) {
        return cb.like(cb.lower(value), containsPattern(fragment), '\\');
    }

    /** The LIKE pattern (escape character backslash) of a case-insensitive substring match. */
    public static String containsPattern(String fragment) {
        String escaped =
                fragment.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
