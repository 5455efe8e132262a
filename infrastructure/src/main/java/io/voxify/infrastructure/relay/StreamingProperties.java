package io.voxify.infrastructure.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.streaming}: how running jobs' audio reaches its readers.
 *
 * @param relay         {@code memory} (this process: the embedded default) or {@code redis} (several nodes)
 * @param timeout       the longest a reader stays attached, and how long a relayed stream lives in Redis
 * @param grace         how long a stream stays readable after its attempt ends
 * @param bufferBytes   the in-memory relay's budget for all running streams (64 MiB: ~35 minutes of 16 kHz speech)
 * @param relayMaxBytes the most one stream may hold in Redis
 * @param redisPrefix   the prefix of the Redis streams' keys
 * @param maxConcurrent audio streams open at once on one node, across all users
 */
@ConfigurationProperties("voxify.streaming")
public record StreamingProperties(
        @DefaultValue("memory") String relay,
        @DefaultValue("PT15M") Duration timeout,
        @DefaultValue("PT60S") Duration grace,
        @DefaultValue("67108864") long bufferBytes,
        @DefaultValue("33554432") long relayMaxBytes,
        @DefaultValue("voxify:audio:") String redisPrefix,
        @DefaultValue("64") int maxConcurrent) {}
