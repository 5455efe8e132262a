package io.voxify.gateway.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A page of the audit trail, by global position: {@code next_after} is the last event's, null on an empty page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditPagination(int limit, long after, int count, boolean hasMore, Long nextAfter) {}
