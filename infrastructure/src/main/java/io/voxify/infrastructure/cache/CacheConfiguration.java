package io.voxify.infrastructure.cache;

import io.voxify.infrastructure.cache.memory.LocalLibraryPageCache;
import io.voxify.infrastructure.cache.redis.RedisLibraryPageCache;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Where library pages are cached: this process (embedded; bounded in pages and bytes) or Redis
 * ({@code voxify.library.cache=redis}; every page expires after the time-to-live). The web layer keys a page by
 * the user and the query's canonical form, so parameters the list does not know, their order and spelling
 * variants do not make new pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
public class CacheConfiguration {

    @Bean
    @ConditionalOnProperty(name = "voxify.library.cache", havingValue = "memory", matchIfMissing = true)
    LibraryPageCache localLibraryPageCache(CacheProperties properties) {
        return new LocalLibraryPageCache(
                properties.cacheTtl(),
                properties.cacheMaxEntries(),
                properties.cacheMaxBytes().toBytes());
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.library.cache", havingValue = "redis")
    LibraryPageCache redisLibraryPageCache(StringRedisTemplate redis, CacheProperties properties) {
        return new RedisLibraryPageCache(redis, properties.redisPrefix(), properties.cacheTtl());
    }
}
