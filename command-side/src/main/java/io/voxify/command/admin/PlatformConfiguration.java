package io.voxify.command.admin;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voxify.events.admin.ChangePlatformConfigCommand;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The one platform configuration. Its history is the list of every change, who made it and
 * what it changed; a change that changes nothing is not recorded.
 */
@Aggregate
public class PlatformConfiguration {
    public static final String ID = ChangePlatformConfigCommand.PLATFORM_CONFIG_ID;

    @AggregateIdentifier
    private String configId;

    private PlatformConfig current;
    private long changes;

    protected PlatformConfiguration() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PlatformConfig handle(ChangePlatformConfigCommand cmd) {
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != changes) {
            throw new DomainException(
                    ErrorCode.CONFLICT,
                    "The configuration was changed meanwhile (version " + changes + ", not " + cmd.expectedVersion()
                            + "); read it again and repeat the change",
                    Map.of("version", changes));
        }
        List<String> changed = changes(current, cmd.config());
        if (!changed.isEmpty()) {
            apply(new PlatformConfigChangedEvent(cmd.configId(), cmd.config(), changed, cmd.changedBy()));
        }
        return cmd.config();
    }

    @EventSourcingHandler
    void on(PlatformConfigChangedEvent e) {
        configId = e.configId();
        current = e.config();
        changes++;
    }

    /** Names of the settings that differ (all of them when there was no configuration yet). */
    static List<String> changes(PlatformConfig before, PlatformConfig after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : PlatformConfig.class.getRecordComponents()) {
            if (before == null || !Objects.equals(value(component, before), value(component, after))) {
                changed.add(component.getName());
            }
        }
        return changed;
    }

    private static Object value(RecordComponent component, PlatformConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }
}
