package io.voxify.events.admin;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the platform configuration with {@code config} (already validated by the caller). */
public record ChangePlatformConfigCommand(@TargetAggregateIdentifier String configId, PlatformConfig config,
                                          String changedBy) {
}
