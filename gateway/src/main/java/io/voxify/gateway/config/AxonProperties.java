package io.voxify.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node's Axon handles commands ({@code voxify.commands}) and reads the event store ({@code voxify.events}).
 *
 * @param commands how aggregates are kept between commands
 * @param events   how the event store is read
 */
@ConfigurationProperties("voxify")
public record AxonProperties(
        @DefaultValue Commands commands, @DefaultValue Events events) {

    /**
     * @param aggregateCache keep jobs loaded between their commands: only where this one process handles every
     *                       command (the embedded default); off where nodes share the event store (the infra profile)
     */
    public record Commands(@DefaultValue("true") boolean aggregateCache) {}

    /**
     * @param pollInterval how long the event store's reader waits before it looks again for events other nodes
     *                     stored (this node's own wake its processors at once)
     */
    public record Events(@DefaultValue("PT1S") Duration pollInterval) {}
}
