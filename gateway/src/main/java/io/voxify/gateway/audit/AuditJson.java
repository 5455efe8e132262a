package io.voxify.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.voxify.events.audit.AuditEvent;
import io.voxify.events.privacy.Erasure;
import io.voxify.gateway.config.CorrelationConfiguration;
import io.voxify.gateway.web.Envelope;
import io.voxify.saga.events.SecretFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Events as the audit API shows them: the event's own fields and its metadata in the API's
 * snake_case, with secrets (password hashes) replaced by a marker, never shown, and whether personal fields
 * read as erased. A resource's owner
 * reading its history sees who acted on it but not another person's client address.
 */
@Component
public class AuditJson {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private final ObjectMapper snakeCase;

    public AuditJson(ObjectMapper json) {
        // Times inside payloads in the API's one shape (Envelope.TIMESTAMP); the event store keeps its own.
        this.snakeCase = json.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("api-timestamps")
                        .addSerializer(
                                java.time.Instant.class,
                                new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(
                                        java.time.Instant.class) {
                                    @Override
                                    public String valueToString(Object value) {
                                        return Envelope.iso((java.time.Instant) value);
                                    }
                                }));
    }

    /** The event for {@code viewer} (null: an auditor or administrator, who see every address). */
    public AuditEventResponse of(AuditEvent event, String viewer) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        boolean someoneElse = viewer != null && !viewer.equals(event.metadata().get(CorrelationConfiguration.USER_ID));
        event.metadata().forEach((key, value) -> {
            if (!(someoneElse && CorrelationConfiguration.CLIENT_ADDRESS.equals(key))) {
                metadata.put(SNAKE.translate(key), value);
            }
        });
        return new AuditEventResponse(
                event.position(),
                event.aggregateType(),
                event.aggregateId(),
                event.sequence(),
                event.type(),
                event.revision(),
                event.eventId(),
                Envelope.iso(event.timestamp()),
                SecretFields.redact(snakeCase.valueToTree(event.payload())),
                // Personal fields whose keys were destroyed (a deleted account or resource, retention) read as
                // "[erased]"; metadata.erased_fields names them.
                event.metadata().containsKey(Erasure.ERASED_FIELDS),
                metadata);
    }
}
