package io.voxify.gateway.library;

import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.library.VoiceRatedEvent;
import io.voxify.events.library.VoiceRatingRemovedEvent;
import io.voxify.events.library.VoiceUnfavoritedEvent;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Where library pages are cached: this process (embedded; bounded in pages and bytes) or Redis
 * ({@code voxify.library.cache=redis}; every page expires after the time-to-live). Either way a page is
 * keyed by the user and the query's canonical form ({@link LibraryController#cacheKey}), so parameters the
 * list does not know, their order and spelling variants do not make new pages.
 */
@Configuration(proxyBeanMethods = false)
public class LibraryCacheConfiguration {

    @Bean
    @ConditionalOnProperty(name = "voxify.library.cache", havingValue = "memory", matchIfMissing = true)
    LibraryPageCache localLibraryPageCache(@Value("${voxify.library.cache-ttl:PT10S}") Duration ttl,
                                           @Value("${voxify.library.cache-max-entries:10000}") long maxEntries,
                                           @Value("${voxify.library.cache-max-bytes:64MB}") DataSize maxBytes) {
        return new LocalLibraryPageCache(ttl, maxEntries, maxBytes.toBytes());
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.library.cache", havingValue = "redis")
    LibraryPageCache redisLibraryPageCache(StringRedisTemplate redis,
                                           @Value("${voxify.library.cache-ttl:PT10S}") Duration ttl,
                                           @Value("${voxify.library.redis-prefix:voxify:library:}") String prefix) {
        return new RedisLibraryPageCache(redis, prefix, ttl);
    }

    /**
     * A user's pages go when their clones, favourites or ratings change, whichever node or worker changed
     * them. Other users' pages keep a changed mean rating until they expire (the time-to-live).
     */
    @Component
    @ProcessingGroup("library-cache")
    static class Invalidation {
        private final LibraryPageCache cache;

        Invalidation(LibraryPageCache cache) {
            this.cache = cache;
        }

        @EventHandler
        void on(VoiceCloneReadyEvent e) {
            cache.invalidate(e.userId());
        }

        @EventHandler
        void on(VoiceCloneDeletedEvent e) {
            cache.invalidate(e.userId());
        }

        @EventHandler
        void on(VoiceFavoritedEvent e) {
            cache.invalidate(e.userId());
        }

        @EventHandler
        void on(VoiceUnfavoritedEvent e) {
            cache.invalidate(e.userId());
        }

        @EventHandler
        void on(VoiceRatedEvent e) {
            cache.invalidate(e.userId());
        }

        @EventHandler
        void on(VoiceRatingRemovedEvent e) {
            cache.invalidate(e.userId());
        }
    }
}
