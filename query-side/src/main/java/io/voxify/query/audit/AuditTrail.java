package io.voxify.query.audit;

import io.voxify.events.audit.AggregateOwner;
import io.voxify.events.audit.AuditEvent;
import io.voxify.events.audit.AuditEventPage;
import io.voxify.events.audit.FindAggregateOwnerQuery;
import io.voxify.events.audit.FindAuditEventsQuery;
import io.voxify.events.common.OwnedByUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail: the event store itself, read in global order with filters and upcast to
 * today's event shapes exactly as the event processors see them. Filters run in SQL on the
 * event table's own columns (position, aggregate, type, time) and on the ownership projection,
 * so a page costs one indexed query whatever the store's size.
 */
@Component
public class AuditTrail {
    private static final String COLUMNS = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data";

    private final NamedParameterJdbcTemplate jdbc;
    private final Configuration axon;

    public AuditTrail(NamedParameterJdbcTemplate jdbc, Configuration axon) {
        this.jdbc = jdbc;
        this.axon = axon;
    }

    @QueryHandler
    public AuditEventPage handle(FindAuditEventsQuery query) {
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > :after");
        MapSqlParameterSource params = new MapSqlParameterSource("after", query.afterPosition());
        if (query.aggregateId() != null) {
            sql.append(" AND aggregate_identifier = :aggregate");
            params.addValue("aggregate", query.aggregateId());
        }
        if (query.userId() != null) {
            sql.append(" AND (aggregate_identifier = :user OR aggregate_identifier IN"
                    + " (SELECT aggregate_id FROM audit_aggregate_owner WHERE user_id = :user))");
            params.addValue("user", query.userId());
        }
        if (query.aggregateTypes() != null && !query.aggregateTypes().isEmpty()) {
            sql.append(" AND type IN (:aggregateTypes)");
            params.addValue("aggregateTypes", query.aggregateTypes());
        }
        if (query.types() != null && !query.types().isEmpty()) {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < query.types().size(); i++) {
                alternatives.add("payload_type LIKE :type" + i);
                params.addValue("type" + i, "%." + query.types().get(i));
            }
            sql.append(" AND (").append(String.join(" OR ", alternatives)).append(')');
        }
        if (query.from() != null) {
            sql.append(" AND time_stamp >= :from");
            params.addValue("from", DateTimeUtils.formatInstant(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND time_stamp <= :to");
            params.addValue("to", DateTimeUtils.formatInstant(query.to()));
        }
        sql.append(" ORDER BY global_index LIMIT :limit");
        params.addValue("limit", query.limit() + 1);
        List<TrackedDomainEventData<byte[]>> rows = jdbc.query(sql.toString(), params, AuditTrail::row);
        boolean hasMore = rows.size() > query.limit();
        List<AuditEvent> events = decode(rows.stream().limit(query.limit()));
        return new AuditEventPage(events, hasMore);
    }

    /** The owner named by the aggregate's first event, which every owned aggregate has. */
    @QueryHandler
    public Optional<AggregateOwner> handle(FindAggregateOwnerQuery query) {
        List<TrackedDomainEventData<byte[]>> first = jdbc.query(
                "SELECT " + COLUMNS + " FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :aggregate ORDER BY sequence_number LIMIT 1",
                new MapSqlParameterSource("aggregate", query.aggregateId()),
                AuditTrail::row);
        return decode(first.stream()).stream()
                .filter(e -> e.payload() instanceof OwnedByUser)
                .map(e -> new AggregateOwner(e.aggregateId(), e.aggregateType(), ((OwnedByUser) e.payload()).userId()))
                .findFirst();
    }

    private List<AuditEvent> decode(Stream<TrackedDomainEventData<byte[]>> rows) {
        try (Stream<TrackedEventMessage<?>> messages =
                EventUtils.upcastAndDeserializeTrackedEvents(rows, axon.eventSerializer(), axon.upcasterChain())) {
            return messages.map(AuditTrail::toAuditEvent).toList();
        }
    }

    private static AuditEvent toAuditEvent(TrackedEventMessage<?> message) {
        DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
        long position = message.trackingToken().position().orElseThrow();
        return new AuditEvent(
                position,
                domain.getType(),
                domain.getAggregateIdentifier(),
                domain.getSequenceNumber(),
                message.getPayloadType().getSimpleName(),
                message.getPayload() == null ? null : revisionOf(message.getPayloadType()),
                message.getIdentifier(),
                message.getTimestamp(),
                message.getPayload(),
                new LinkedHashMap<>(message.getMetaData()));
    }

    private static String revisionOf(Class<?> type) {
        org.axonframework.serialization.Revision revision =
                type.getAnnotation(org.axonframework.serialization.Revision.class);
        return revision == null ? null : revision.value();
    }

    private static TrackedDomainEventData<byte[]> row(ResultSet rs, int rowNum) throws SQLException {
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(rs.getLong("global_index")),
                new GenericDomainEventEntry<>(
                        rs.getString("type"),
                        rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"),
                        rs.getString("event_identifier"),
                        rs.getString("time_stamp"),
                        rs.getString("payload_type"),
                        rs.getString("payload_revision"),
                        rs.getBytes("payload"),
                        rs.getBytes("meta_data")));
    }
}
