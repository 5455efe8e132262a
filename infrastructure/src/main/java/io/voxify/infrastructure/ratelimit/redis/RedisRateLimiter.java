package io.voxify.infrastructure.ratelimit.redis;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.voxify.infrastructure.ratelimit.Bucket4jRateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis (the infra profile), shared by every API node: Bucket4j's compare-and-swap
 * proxy over Lettuce. A bucket's key expires once it would be full again, so idle callers leave
 * nothing behind. When Redis cannot be reached the call fails and the caller answers 503;
 * Lettuce reconnects by itself when Redis is back.
 */
public class RedisRateLimiter extends Bucket4jRateLimiter implements AutoCloseable {
    /** After a failed connection, requests fail at once for this long instead of each waiting on a connect. */
    private static final long RECONNECT_PAUSE_NANOS = 1_000_000_000L;

    private final RedisClient client;
    private final String prefix;
    private final Duration requestTimeout;
    private volatile ProxyManager<byte[]> buckets;
    private volatile long failedAt;
    private volatile boolean failed;

    public RedisRateLimiter(RedisClient client, String prefix, Duration requestTimeout) {
        this.client = client;
        this.prefix = prefix;
        this.requestTimeout = requestTimeout;
    }

    @Override
    protected Bucket bucket(String name, BucketConfiguration configuration, Limit limit) {
        return buckets().builder().build((prefix + name).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    @Override
    protected void drop(String name) {
        buckets().removeProxy((prefix + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Connects on first use (and again after a failed attempt), so a node starts while Redis is down. */
    private ProxyManager<byte[]> buckets() {
        ProxyManager<byte[]> current = buckets;
        if (current == null) {
            if (failed && System.nanoTime() - failedAt < RECONNECT_PAUSE_NANOS) {
                throw new IllegalStateException("Redis was unreachable a moment ago");
            }
            synchronized (this) {
                if (buckets == null) {
                    try {
                        buckets = Bucket4jLettuce.casBasedBuilder(client)
                                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        Duration.ofSeconds(5)))
                                .requestTimeout(requestTimeout)
                                .build();
                        failed = false;
                    } catch (RuntimeException unreachable) {
                        failedAt = System.nanoTime();
                        failed = true;
                        throw unreachable;
                    }
                }
                current = buckets;
            }
        }
        return current;
    }

    /** Closes the client and the connection Bucket4j opened on it. */
    @Override
    public void close() {
        client.shutdown();
    }
}
