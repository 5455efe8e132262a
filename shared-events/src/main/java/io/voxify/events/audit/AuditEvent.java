package io.voxify.events.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One event as the event store holds it, upcast to today's shape: its global position, the
 * aggregate it belongs to, its sequence in that aggregate, its type and revision, when it
 * happened, the event itself and its metadata (who, which request, which correlation).
 */
public record AuditEvent(
        long position,
        String aggregateType,
        String aggregateId,
        long sequence,
        String type,
        String revision,
        String eventId,
        Instant timestamp,
        Object payload,
        Map<String, Object> metadata) {}
