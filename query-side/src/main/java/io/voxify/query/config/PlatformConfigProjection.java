package io.voxify.query.config;

import io.voxify.query.support.ViewUpdates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.admin.FindPlatformConfigQuery;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import io.voxify.events.admin.PlatformConfigView;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** The platform configuration in force: the last change wins (versions never go back). */
@Component
@ProcessingGroup(PlatformConfigProjection.PROCESSING_GROUP)
public class PlatformConfigProjection {
    public static final String PROCESSING_GROUP = "platform-config";

    private final PlatformConfigRepository configs;
    private final ObjectMapper json;
    private final ViewUpdates views;

    public PlatformConfigProjection(PlatformConfigRepository configs, ObjectMapper json, ViewUpdates views) {
        this.configs = configs;
        this.json = json;
        this.views = views;
    }

    @EventHandler
    void on(PlatformConfigChangedEvent e, @Timestamp Instant at, @SequenceNumber long seq) throws JsonProcessingException {
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
        views.emit(FindPlatformConfigQuery.class, "",
                new PlatformConfigView(e.config(), seq, at, e.changedBy()));
    }

    @ResetHandler
    void reset() {
        configs.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<PlatformConfigView> handle(FindPlatformConfigQuery query) {
        return configs.findAll().stream().findFirst().map(row -> {
            try {
                return new PlatformConfigView(json.readValue(row.configJson, PlatformConfig.class), row.version,
                        Instant.ofEpochMilli(row.updatedAt), row.updatedBy);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt platform_config row", e);
            }
        });
    }
}
