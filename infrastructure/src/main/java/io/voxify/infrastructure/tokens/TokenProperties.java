package io.voxify.infrastructure.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.refresh-tokens}: where refresh tokens live.
 *
 * @param store       {@code database} (a table of the read store: the embedded default) or {@code redis}
 * @param redisPrefix the prefix of their Redis keys
 */
@ConfigurationProperties("voxify.refresh-tokens")
public record TokenProperties(
        @DefaultValue("database") String store,
        @DefaultValue("voxify:rt:") String redisPrefix) {}
