package io.voxify.infrastructure.queue.rabbit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One piece of work on the broker, as JSON: {@code kind} (what to do), {@code id} (to what), {@code attempt},
 * the payload under the kind's own name (a {@code sample} item carries its {@code "sample"} object), the
 * correlation {@code metadata} of the message that queued it, and {@code userId} (whose it is: the share it
 * counts against; absent from messages queued before shares were kept). Absent values are left out. Messages
 * already on a queue, or waiting in the database, are read as they were written: the layout never changes.
 */
record WorkMessage(
        String kind, String id, Integer attempt, JsonNode payload, Map<String, Object> metadata, String userId) {
    private static final TypeReference<LinkedHashMap<String, Object>> METADATA = new TypeReference<>() {};
    private static final Set<String> FIELDS = Set.of("kind", "id", "attempt", "metadata", "userId");

    byte[] toJson(ObjectMapper json) throws IOException {
        if (payload != null && FIELDS.contains(kind)) {
            throw new IllegalArgumentException("A payload cannot travel under the name " + kind);
        }
        ObjectNode node = json.createObjectNode();
        node.put("kind", kind);
        if (id != null) {
            node.put("id", id);
        }
        if (attempt != null) {
            node.put("attempt", attempt);
        }
        if (payload != null && !payload.isNull()) {
            node.set(kind, payload);
        }
        if (metadata != null) {
            node.set("metadata", json.valueToTree(metadata));
        }
        if (userId != null) {
            node.put("userId", userId);
        }
        return json.writeValueAsBytes(node);
    }

    static WorkMessage fromJson(ObjectMapper json, byte[] body) throws IOException {
        JsonNode node = json.readTree(body);
        if (node == null || !node.isObject() || !node.hasNonNull("kind")) {
            throw new IOException("Not a work message");
        }
        String kind = node.get("kind").asText();
        JsonNode attempt = node.get("attempt");
        JsonNode payload = node.get(kind);
        JsonNode metadata = node.get("metadata");
        JsonNode userId = node.get("userId");
        JsonNode id = node.get("id");
        return new WorkMessage(
                kind,
                id == null || id.isNull() ? null : id.asText(),
                attempt == null || attempt.isNull() ? null : attempt.asInt(),
                payload == null || payload.isNull() ? null : payload,
                metadata == null || metadata.isNull() ? null : json.convertValue(metadata, METADATA),
                userId == null || userId.isNull() ? null : userId.asText());
    }
}
