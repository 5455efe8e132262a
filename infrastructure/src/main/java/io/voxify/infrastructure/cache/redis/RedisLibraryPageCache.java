package io.voxify.infrastructure.cache.redis;

import io.voxify.infrastructure.cache.LibraryPageCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Pages in Redis (the infra profile), shared by every API node. Each user has a generation
 * number that is part of every page key; invalidating raises it, so every node stops seeing the
 * user's old pages at once and they expire on their own. A generation is kept only while pages
 * stored under it can be alive (every page stored pushes its generations' expiry past its own), so
 * a user who stops using the library, a deleted account among them, leaves no key behind within
 * two page lifetimes. A cache that cannot be reached is a miss, never an error.
 */
public class RedisLibraryPageCache implements LibraryPageCache {
    private static final Logger log = LoggerFactory.getLogger(RedisLibraryPageCache.class);
    /** Stores a page and keeps its generations (KEYS 2 and 3, when they exist) longer than the page. */
    private static final RedisScript<Long> PUT = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[3], ARGV[3])
            return 1
            """, Long.class);
    /** The generation every page key includes too: raising it drops every user's pages. */
    private static final String ALL = "*all*";

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration ttl;
    /**
     * How long a generation outlives its last use. Reset to 0 once no page stored under it can be alive, a
     * generation cannot bring back a stale page; so twice a page's lifetime is enough.
     */
    private final Duration generationMemory;

    public RedisLibraryPageCache(StringRedisTemplate redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.generationMemory = ttl.multipliedBy(2).plusSeconds(1);
    }

    @Override
    public Optional<String> get(String userId, String query) {
        try {
            return Optional.ofNullable(redis.opsForValue().get(pageKey(userId, query)));
        } catch (RuntimeException unreachable) {
            log.debug("Library cache unavailable: {}", unreachable.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String userId, String query, String page) {
        try {
            redis.execute(
                    PUT,
                    List.of(pageKey(userId, query), generationKey(ALL), generationKey(userId)),
                    page,
                    Long.toString(ttl.toMillis()),
                    Long.toString(generationMemory.toMillis()));
        } catch (RuntimeException unreachable) {
            log.debug("Library cache unavailable: {}", unreachable.toString());
        }
    }

    @Override
    public void invalidate(String userId) {
        try {
            String key = generationKey(userId);
            redis.opsForValue().increment(key);
            redis.expire(key, generationMemory);
        } catch (RuntimeException unreachable) {
            log.warn(
                    "Library cache of {} not invalidated (pages expire within {}): {}",
                    userId,
                    ttl,
                    unreachable.toString());
        }
    }

    @Override
    public void invalidateAll() {
        invalidate(ALL);
    }

    private String pageKey(String userId, String query) {
        List<String> generations = redis.opsForValue().multiGet(List.of(generationKey(ALL), generationKey(userId)));
        return prefix + "page:" + userId + ":" + generation(generations, 0) + "." + generation(generations, 1) + ":"
                + sha256(query);
    }

    private static String generation(List<String> generations, int index) {
        return generations == null || generations.get(index) == null ? "0" : generations.get(index);
    }

    private String generationKey(String userId) {
        return prefix + "generation:" + userId;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
