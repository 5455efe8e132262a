package io.voxify.events.admin;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the platform configuration with {@code config} (already validated by the caller),
 * provided it is still at {@code expectedVersion} (the number of changes made so far; null: any),
 * so an administrator's change built on what they read never undoes one made meanwhile.
 */
public record ChangePlatformConfigCommand(
        @TargetAggregateIdentifier String configId, PlatformConfig config, String changedBy, Long expectedVersion) {
    /** The id of the one platform configuration, the only one there is to change. */
    public static final String PLATFORM_CONFIG_ID = "platform_config";

    public ChangePlatformConfigCommand(String configId, PlatformConfig config, String changedBy) {
        this(configId, config, changedBy, null);
    }
}
