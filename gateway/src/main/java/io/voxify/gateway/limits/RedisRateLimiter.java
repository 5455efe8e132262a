package io.voxify.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis (the infra profile), shared by every API node: Bucket4j's compare-and-swap
 * proxy over Lettuce. A bucket's key expires once it would be full again, so idle callers leave
 * nothing behind. When Redis cannot be reached the call fails and the caller answers 503;
 * Lettuce reconnects by itself when Redis is back.
 */
public class RedisRateLimiter extends Bucket4jRateLimiter {
    private final RedisClient client;
    private final String prefix;
    private final Duration requestTimeout;
    private volatile ProxyManager<byte[]> buckets;

    public RedisRateLimiter(RedisClient client, String prefix, Duration requestTimeout) {
        this.client = client;
        this.prefix = prefix;
        this.requestTimeout = requestTimeout;
    }

    @Override
    protected Bucket bucket(String name, BucketConfiguration configuration, Limit limit) {
        return buckets().builder().build((prefix + name).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    /** Connects on first use (and again after a failed attempt), so a node starts while Redis is down. */
    private ProxyManager<byte[]> buckets() {
        ProxyManager<byte[]> current = buckets;
        if (current == null) {
            synchronized (this) {
                if (buckets == null) {
                    buckets = Bucket4jLettuce.casBasedBuilder(client)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                            .requestTimeout(requestTimeout)
                            .build();
                }
                current = buckets;
            }
        }
        return current;
    }
}
