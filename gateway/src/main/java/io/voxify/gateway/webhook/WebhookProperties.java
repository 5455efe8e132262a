package io.voxify.gateway.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.webhooks}, the web layer's part (the transport's timeouts are in
 * {@code WebhookTransportProperties}, the saga's retry schedule in {@code WebhookRetryProperties}).
 *
 * @param senderThreads  calls in flight at once, across all owners
 * @param backlog        tries waiting, across all owners
 * @param backlogPerUser tries waiting for one owner
 * @param secretOverlap  how long callbacks carry a signature with the previous secret too after a rotation
 */
@ConfigurationProperties("voxify.webhooks")
public record WebhookProperties(
        @DefaultValue("4") int senderThreads,
        @DefaultValue("1000") int backlog,
        @DefaultValue("200") int backlogPerUser,
        @DefaultValue("PT24H") Duration secretOverlap) {}
