package io.voxify.infrastructure.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.rabbitmq}: where domain events are published.
 *
 * @param prefix the first part of every exchange name on the broker (shared with the work queue), so
 *               installations (and test runs) can share a broker
 */
@ConfigurationProperties("voxify.rabbitmq")
public record PublishingProperties(@DefaultValue("voxify") String prefix) {

    /** The topic exchange events are published to. */
    public String eventsExchange() {
        return prefix + ".events";
    }
}
