package io.voxify.infrastructure.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code voxify.library}: where pages of the voice-model list are cached.
 *
 * @param cache           {@code memory} (this process: the embedded default) or {@code redis} (shared by nodes)
 * @param cacheTtl        how long a page is kept; shared figures on it may lag by this much
 * @param cacheMaxEntries the most pages the in-memory cache holds, across all users
 * @param cacheMaxBytes   the most the in-memory cache's pages weigh together
 * @param redisPrefix     the prefix of the Redis keys
 */
@ConfigurationProperties("voxify.library")
public record CacheProperties(
        @DefaultValue("memory") String cache,
        @DefaultValue("PT10S") Duration cacheTtl,
        @DefaultValue("10000") long cacheMaxEntries,
        @DefaultValue("64MB") DataSize cacheMaxBytes,
        @DefaultValue("voxify:library:") String redisPrefix) {}
