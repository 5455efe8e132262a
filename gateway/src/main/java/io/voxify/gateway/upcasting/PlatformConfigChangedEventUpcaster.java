package io.voxify.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Revision 1 of {@link PlatformConfigChangedEvent} had no daily quotas for sample processing,
 * clones and training, and no per-user caps on work and long-lived requests. Read as they are,
 * those settings would be 0, which for a quota or a cap means that nobody may do anything. An
 * administrator who wrote a revision 1 event never chose a value for them, so the upcast event
 * carries what this node would use had nobody changed the configuration: the defaults of
 * {@code voxify.limits}. A setting the stored event does have is left as it is.
 */
@Component
@Order(0)
public class PlatformConfigChangedEventUpcaster extends SingleEventUpcaster {
    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PlatformConfigChangedEvent.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(PlatformConfigChangedEvent.class.getName(), "2");

    /** The settings revision 2 added, by their names in the serialized config, with the values they take. */
    private final Map<String, Integer> added;

    public PlatformConfigChangedEventUpcaster(
            @Value("${voxify.limits.sample-processings-per-day}") int sampleProcessingsPerDay,
            @Value("${voxify.limits.clones-per-day}") int clonesPerDay,
            @Value("${voxify.limits.trainings-per-day}") int trainingsPerDay,
            @Value("${voxify.limits.max-work-in-flight-per-user}") int maxWorkInFlightPerUser,
            @Value("${voxify.limits.max-audio-streams-per-user}") int maxAudioStreamsPerUser,
            @Value("${voxify.limits.max-event-streams-per-user}") int maxEventStreamsPerUser,
            @Value("${voxify.limits.max-sync-speech-per-user}") int maxSyncSpeechPerUser) {
        Map<String, Integer> values = new LinkedHashMap<>();
        values.put("sampleProcessingsPerDay", sampleProcessingsPerDay);
        values.put("clonesPerDay", clonesPerDay);
        values.put("trainingsPerDay", trainingsPerDay);
        values.put("maxWorkInFlightPerUser", maxWorkInFlightPerUser);
        values.put("maxAudioStreamsPerUser", maxAudioStreamsPerUser);
        values.put("maxEventStreamsPerUser", maxEventStreamsPerUser);
        values.put("maxSyncSpeechPerUser", maxSyncSpeechPerUser);
        this.added = Map.copyOf(values);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        SerializedType type = event.getType();
        return REVISION_1.getName().equals(type.getName()) && REVISION_1.getRevision().equals(type.getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            if (payload.get("config") instanceof ObjectNode config) {
                added.forEach((name, value) -> {
                    if (!config.hasNonNull(name)) {
                        config.put(name, value);
                    }
                });
            }
            return payload;
        });
    }
}
