package io.voxify.infrastructure.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.rate-limits}: where rate-limit buckets, open-request slots and the sign-in history live.
 *
 * @param store       {@code memory} (one node: the embedded default) or {@code redis} (shared by every API node;
 *                    Redis is reached where Spring Data Redis points, {@code spring.data.redis.*})
 * @param redisPrefix the prefix of their Redis keys
 */
@ConfigurationProperties("voxify.rate-limits")
public record RateLimitProperties(
        @DefaultValue("memory") String store,
        @DefaultValue("voxify:rl:") String redisPrefix) {}
