package io.voxify.gateway.web.sse;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.sse}: the Server-Sent Event streams of views (job progress and the like).
 *
 * @param heartbeat how often a comment is sent on an otherwise quiet stream, so both sides notice a dead connection
 * @param timeout   the longest one stream stays open; the client then reconnects
 */
@ConfigurationProperties("voxify.sse")
public record SseProperties(
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("PT30M") Duration timeout) {}
