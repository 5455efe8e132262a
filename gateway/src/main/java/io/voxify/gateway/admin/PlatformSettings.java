package io.voxify.gateway.admin;

import io.voxify.events.admin.ChangePlatformConfigCommand;
import io.voxify.events.admin.FindPlatformConfigQuery;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigView;
import io.voxify.gateway.web.ViewAwaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The configuration in force on this node: the last one an administrator set (from the read
 * model), or the node's {@link PlatformDefaults} until anyone does. Read on every request, so it
 * is cached for a moment; a change made through this node is seen at once, one made through
 * another node within {@link #FRESHNESS}.
 */
@Component
public class PlatformSettings {
    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final ViewAwaiter views;
    private final PlatformConfig defaults;
    private volatile Snapshot snapshot;

    /** The configuration with its version (0: the defaults) and when it was read. */
    public record Current(PlatformConfig config, long version, Instant updatedAt, String updatedBy) {}

    private record Snapshot(Current current, long readAtNanos) {}

    public PlatformSettings(
            QueryGateway queries, CommandGateway commands, ViewAwaiter views, PlatformDefaults defaults) {
        this.queries = queries;
        this.commands = commands;
        this.views = views;
        this.defaults = defaults.config();
    }

    public PlatformConfig config() {
        return current().config();
    }

    public Current current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.readAtNanos() > FRESHNESS.toNanos()) {
            s = new Snapshot(read().orElseGet(() -> new Current(defaults, 0, null, null)), System.nanoTime());
            snapshot = s;
        }
        return s.current();
    }

    /** The configuration as the read model holds it now, not as cached. */
    public Current fresh() {
        snapshot = null;
        return current();
    }

    /**
     * Records the change as an event, if the configuration is still at {@code expectedVersion}
     * (409 otherwise), and waits until the read model shows it.
     */
    public Current change(PlatformConfig config, String adminId, long expectedVersion) {
        commands.sendAndWait(new ChangePlatformConfigCommand(
                ChangePlatformConfigCommand.PLATFORM_CONFIG_ID, config, adminId, expectedVersion));
        views.await(
                new FindPlatformConfigQuery(),
                PlatformConfigView.class,
                v -> v.config().equals(config),
                Duration.ofSeconds(10));
        snapshot = null;
        return current();
    }

    private Optional<Current> read() {
        return queries.query(new FindPlatformConfigQuery(), ResponseTypes.optionalInstanceOf(PlatformConfigView.class))
                .join()
                .map(v -> new Current(v.config(), v.version() + 1, v.updatedAt(), v.updatedBy()));
    }
}
