package io.voxify.infrastructure.fanout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.view-updates}: how view updates reach the other nodes.
 *
 * @param fanout  {@code none} (one node: the embedded default) or {@code redis} (publish/subscribe on a channel)
 * @param channel the Redis channel every node publishes to and listens on
 */
@ConfigurationProperties("voxify.view-updates")
public record FanoutProperties(
        @DefaultValue("none") String fanout,
        @DefaultValue("voxify:view-updates") String channel) {}
