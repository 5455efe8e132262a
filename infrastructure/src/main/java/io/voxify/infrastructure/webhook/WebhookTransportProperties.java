package io.voxify.infrastructure.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.webhooks}, the transport's part: how long one call may take.
 *
 * @param connectTimeout the longest wait for the receiver to accept the connection (and finish TLS)
 * @param totalTimeout   the longest one call may take, from connecting to reading the status line
 */
@ConfigurationProperties("voxify.webhooks")
public record WebhookTransportProperties(
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration totalTimeout) {}
