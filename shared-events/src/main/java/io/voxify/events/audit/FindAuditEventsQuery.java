package io.voxify.events.audit;

import java.time.Instant;
import java.util.List;

/**
 * Events after a global position, oldest first, narrowed by any of: event types (simple class
 * names), aggregate types, one aggregate, one user (the user's account and everything the user
 * owns), and a time range (inclusive). Null or empty means "any".
 */
public record FindAuditEventsQuery(
        List<String> types,
        List<String> aggregateTypes,
        String aggregateId,
        String userId,
        Instant from,
        Instant to,
        long afterPosition,
        int limit) {

    /** Every event of one aggregate, oldest first. */
    public static FindAuditEventsQuery ofAggregate(String aggregateId, long afterPosition, int limit) {
        return new FindAuditEventsQuery(null, null, aggregateId, null, null, null, afterPosition, limit);
    }
}
