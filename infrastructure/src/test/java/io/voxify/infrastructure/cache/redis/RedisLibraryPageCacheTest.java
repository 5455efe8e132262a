package io.voxify.infrastructure.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.cache.LibraryPageCache;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Against the real Redis on 127.0.0.1:6379 (`make test` starts it when it is down). */
class RedisLibraryPageCacheTest {
    private final String prefix = "voxify-test:" + UUID.randomUUID() + ":library:";
    private final LettuceConnectionFactory connections = connect(6379);

    private static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    @Test
    void nodesSharePagesAnInvalidationOnOneNodeDropsThemEverywhereAndPagesExpire() throws InterruptedException {
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        LibraryPageCache nodeA = new RedisLibraryPageCache(redis, prefix, Duration.ofSeconds(1));
        LibraryPageCache nodeB = new RedisLibraryPageCache(redis, prefix, Duration.ofSeconds(1));
        nodeA.put("user_1", "{limit=5}", "page-one");
        nodeA.put("user_2", "{limit=5}", "page-two");
        assertThat(nodeB.get("user_1", "{limit=5}")).contains("page-one");
        assertThat(nodeB.get("user_1", "{limit=6}")).isEmpty();

        nodeB.invalidate("user_1");
        assertThat(nodeA.get("user_1", "{limit=5}")).isEmpty();
        assertThat(nodeA.get("user_2", "{limit=5}"))
                .as("other users keep their pages")
                .contains("page-two");

        nodeA.put("user_3", "{limit=5}", "page-three");
        nodeB.invalidateAll();
        assertThat(nodeA.get("user_3", "{limit=5}"))
                .as("a catalogue change drops every page")
                .isEmpty();
        nodeA.put("user_3", "{limit=5}", "page-three");
        assertThat(nodeB.get("user_3", "{limit=5}")).contains("page-three");

        Thread.sleep(1300);
        assertThat(nodeA.get("user_2", "{limit=5}")).as("pages expire").isEmpty();
    }

    @Test
    void aUserWhoStopsUsingTheLibraryLeavesNoKeyBehindAndNoStalePageComesBack() throws InterruptedException {
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        LibraryPageCache cache = new RedisLibraryPageCache(redis, prefix, Duration.ofSeconds(1));
        cache.put("user_gone", "{limit=5}", "page-one");
        cache.invalidate("user_gone");
        cache.put("user_gone", "{limit=5}", "page-two");
        cache.invalidate("user_gone");
        assertThat(redis.keys(prefix + "*")).as("her generation").isNotEmpty();
        assertThat(redis.getExpire(prefix + "generation:user_gone", TimeUnit.MILLISECONDS))
                .as("kept only while a page stored under it may live")
                .isPositive()
                .isLessThanOrEqualTo(3000);

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!redis.keys(prefix + "*").isEmpty() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(redis.keys(prefix + "*"))
                .as("nothing names her once her pages are gone")
                .isEmpty();
        cache.invalidate("user_gone");
        assertThat(cache.get("user_gone", "{limit=5}"))
                .as("generation 1 again: its old page expired before the generation did")
                .isEmpty();
    }

    @Test
    void anUnreachableCacheIsAMissNotAnError() {
        LettuceConnectionFactory nowhere =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        nowhere.afterPropertiesSet();
        nowhere.start();
        try {
            LibraryPageCache cache =
                    new RedisLibraryPageCache(new StringRedisTemplate(nowhere), prefix, Duration.ofSeconds(5));
            cache.put("user_1", "{}", "page");
            assertThat(cache.get("user_1", "{}")).isEmpty();
            cache.invalidate("user_1");
        } finally {
            nowhere.destroy();
        }
    }
}
