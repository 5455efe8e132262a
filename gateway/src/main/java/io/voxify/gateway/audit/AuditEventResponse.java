package io.voxify.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One stored event as the audit API shows it.
 *
 * @param payload  the event's own fields in snake_case, secrets redacted
 * @param erased   whether personal fields read as erased (their keys destroyed); {@code metadata.erased_fields}
 *                 names them
 * @param metadata the event's metadata in snake_case, less another person's client address
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEventResponse(
        long position,
        String aggregateType,
        String aggregateId,
        long sequence,
        String type,
        String revision,
        String eventId,
        String timestamp,
        JsonNode payload,
        boolean erased,
        Map<String, Object> metadata) {}
