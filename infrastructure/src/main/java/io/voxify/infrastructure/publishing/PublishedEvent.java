package io.voxify.infrastructure.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One domain event as it leaves the platform.
 *
 * @param id        the event's id: consumers drop duplicates by it
 * @param type      the event's type name, e.g. {@code JobCompletedEvent}
 * @param timestamp when it happened
 * @param aggregate the aggregate it belongs to, or null for an event of no aggregate
 * @param metadata  the metadata to pass on, as text
 * @param payload   the event itself, as JSON
 */
public record PublishedEvent(
        String id,
        String type,
        Instant timestamp,
        Aggregate aggregate,
        Map<String, String> metadata,
        JsonNode payload) {

    /** @param type the aggregate's type name, e.g. {@code SynthesisJob} */
    public record Aggregate(String type, String id, long sequence) {}
}
