package io.voxify.query.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.admin.FindPlatformConfigQuery;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import io.voxify.events.admin.PlatformConfigView;
import io.voxify.query.support.ViewUpdates;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The platform configuration in force: the last change wins (versions never go back). A row an
 * older release wrote lacks the settings added since (Jackson would read them as 0, "nothing
 * allowed"); such a row is answered from the configuration's events instead, which the
 * upcasters complete, until the next change writes the row whole. The row is not rewritten on
 * read: that could undo a change the event handler stores meanwhile.
 */
@Component
@ProcessingGroup(PlatformConfigProjection.PROCESSING_GROUP)
public class PlatformConfigProjection {
    public static final String PROCESSING_GROUP = "platform-config";

    private final PlatformConfigRepository configs;
    private final ObjectMapper json;
    private final ViewUpdates views;
    private final EventStore eventStore;

    public PlatformConfigProjection(
            PlatformConfigRepository configs, ObjectMapper json, ViewUpdates views, EventStore eventStore) {
        this.configs = configs;
        this.json = json;
        this.views = views;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(PlatformConfigChangedEvent e, @Timestamp Instant at, @SequenceNumber long seq)
            throws JsonProcessingException {
        PlatformConfigEntity row = configs.findById(e.configId()).orElseGet(PlatformConfigEntity::new);
        if (row.configId != null && row.version >= seq) {
            return;
        }
        row.configId = e.configId();
        row.configJson = json.writeValueAsString(e.config());
        row.version = seq;
        row.updatedAt = at.toEpochMilli();
        row.updatedBy = e.changedBy();
        configs.save(row);
        views.emit(FindPlatformConfigQuery.class, "", new PlatformConfigView(e.config(), seq, at, e.changedBy()));
    }

    @ResetHandler
    void reset() {
        configs.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<PlatformConfigView> handle(FindPlatformConfigQuery query) {
        return configs.findAll().stream().findFirst().map(row -> {
            try {
                JsonNode stored = json.readTree(row.configJson);
                if (!hasEverySetting(stored)) {
                    Optional<PlatformConfigView> fromEvents = lastChange(row.configId);
                    if (fromEvents.isPresent()) {
                        return fromEvents.get();
                    }
                }
                return new PlatformConfigView(
                        json.treeToValue(stored, PlatformConfig.class),
                        row.version,
                        Instant.ofEpochMilli(row.updatedAt),
                        row.updatedBy);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt platform_config row", e);
            }
        });
    }

    private static boolean hasEverySetting(JsonNode stored) {
        for (RecordComponent setting : PlatformConfig.class.getRecordComponents()) {
            if (!stored.has(setting.getName())) {
                return false;
            }
        }
        return true;
    }

    /** The configuration as its last event, read through the upcasters, states it. */
    private Optional<PlatformConfigView> lastChange(String configId) {
        PlatformConfigView last = null;
        DomainEventStream stream = eventStore.readEvents(configId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof PlatformConfigChangedEvent e) {
                last = new PlatformConfigView(
                        e.config(), event.getSequenceNumber(), event.getTimestamp(), e.changedBy());
            }
        }
        return Optional.ofNullable(last);
    }
}
