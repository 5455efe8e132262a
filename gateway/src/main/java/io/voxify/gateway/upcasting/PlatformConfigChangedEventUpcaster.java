package io.voxify.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import io.voxify.gateway.admin.PlatformDefaults;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Revision 1 of {@link PlatformConfigChangedEvent} had no daily quotas for sample processing,
 * clones and training, and no per-user caps on work and long-lived requests. Read as they are,
 * those settings would be 0, which for a quota or a cap means that nobody may do anything. An
 * administrator who wrote a revision 1 event never chose a value for them, so the upcast event
 * carries what this node would use had nobody changed the configuration: its
 * {@link PlatformDefaults}. A setting the stored event does have is left as it is.
 */
@Component
@Order(0)
public class PlatformConfigChangedEventUpcaster extends SingleEventUpcaster {
    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PlatformConfigChangedEvent.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(PlatformConfigChangedEvent.class.getName(), "2");

    /** The settings revision 2 added, by their names in the serialized config. */
    static final List<String> ADDED_IN_REVISION_2 = List.of(
            "sampleProcessingsPerDay",
            "clonesPerDay",
            "trainingsPerDay",
            "maxWorkInFlightPerUser",
            "maxAudioStreamsPerUser",
            "maxEventStreamsPerUser",
            "maxSyncSpeechPerUser");

    /** The settings revision 2 added, with the values they take. */
    private final Map<String, Integer> added;

    @Autowired
    public PlatformConfigChangedEventUpcaster(PlatformDefaults defaults) {
        this(defaults.config());
    }

    /** Upcasts with {@code defaults} as the node's configuration before anyone changed it. */
    PlatformConfigChangedEventUpcaster(PlatformConfig defaults) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (RecordComponent component : PlatformConfig.class.getRecordComponents()) {
            if (ADDED_IN_REVISION_2.contains(component.getName())) {
                try {
                    values.put(component.getName(), (Integer)
                            component.getAccessor().invoke(defaults));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + component.getName(), e);
                }
            }
        }
        if (values.size() != ADDED_IN_REVISION_2.size()) {
            throw new IllegalStateException("PlatformConfig lacks one of " + ADDED_IN_REVISION_2);
        }
        this.added = Map.copyOf(values);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        SerializedType type = event.getType();
        return REVISION_1.getName().equals(type.getName())
                && REVISION_1.getRevision().equals(type.getRevision());
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
