package io.voxify.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.audit.AuditEvent;
import io.voxify.gateway.web.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Events as the audit API shows them: the event's own fields and its metadata in the API's
 * snake_case, with secrets (password hashes) replaced by a marker, never shown.
 */
@Component
public class AuditJson {
    static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_FIELDS = Set.of("password_hash", "password", "current_password",
            "refresh_token", "token");
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final ObjectMapper snakeCase;

    public AuditJson(ObjectMapper json) {
        this.snakeCase = json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    Map<String, Object> of(AuditEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("position", event.position());
        data.put("aggregate_type", event.aggregateType());
        data.put("aggregate_id", event.aggregateId());
        data.put("sequence", event.sequence());
        data.put("type", event.type());
        data.put("revision", event.revision());
        data.put("event_id", event.eventId());
        data.put("timestamp", Envelope.iso(event.timestamp()));
        data.put("payload", redact(snakeCase.valueToTree(event.payload())));
        Map<String, Object> metadata = new LinkedHashMap<>();
        event.metadata().forEach((key, value) -> metadata.put(SNAKE.translate(key), value));
        data.put("metadata", metadata);
        return data;
    }

    private static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (SECRET_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(REDACTED));
                } else {
                    redact(field.getValue());
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(AuditJson::redact);
        }
        return node;
    }
}
