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

/**
 * Pages in Redis (the infra profile), shared by every API node. Each user has a generation
 * number that is part of every page key; invalidating raises it, so every node stops seeing the
 * user's old pages at once and they expire on their own. A cache that cannot be reached is a
 * miss, never an error.
 */
public class RedisLibraryPageCache implements LibraryPageCache {
    private static final Logger log = LoggerFactory.getLogger(RedisLibraryPageCache.class);
    private static final Duration GENERATION_MEMORY = Duration.ofDays(1);
    /** The generation every page key includes too: raising it drops every user's pages. */
    private static final String ALL = "*all*";

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration ttl;

    public RedisLibraryPageCache(StringRedisTemplate redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
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
            redis.opsForValue().set(pageKey(userId, query), page, ttl);
        } catch (RuntimeException unreachable) {
            log.debug("Library cache unavailable: {}", unreachable.toString());
        }
    }

    @Override
    public void invalidate(String userId) {
        try {
            String key = generationKey(userId);
            redis.opsForValue().increment(key);
            redis.expire(key, GENERATION_MEMORY);
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
