package io.voxify.infrastructure.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.voxify.infrastructure.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real Redis on 127.0.0.1:6379 (`make test` starts it when it is down). */
class RedisRateLimiterTest {
    private final RedisClient nodeOneClient = RedisClient.create("redis://127.0.0.1:6379");
    private final RedisClient nodeTwoClient = RedisClient.create("redis://127.0.0.1:6379");
    private final String prefix = "voxify-test:" + UUID.randomUUID() + ":";
    private final RateLimiter nodeOne = new RedisRateLimiter(nodeOneClient, prefix, Duration.ofSeconds(2));
    private final RateLimiter nodeTwo = new RedisRateLimiter(nodeTwoClient, prefix, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        nodeOneClient.shutdown();
        nodeTwoClient.shutdown();
    }

    @Test
    void twoNodesShareOneBucketAndItResetsWhenTheWindowEnds() {
        RateLimiter.Limit threePerTwoSeconds = new RateLimiter.Limit(3, Duration.ofSeconds(2));
        assertThat(nodeOne.consume("user:a", threePerTwoSeconds).remaining()).isEqualTo(2);
        assertThat(nodeTwo.consume("user:a", threePerTwoSeconds).remaining()).isEqualTo(1);
        assertThat(nodeOne.consume("user:a", threePerTwoSeconds).remaining()).isZero();
        RateLimiter.Decision refused = nodeTwo.consume("user:a", threePerTwoSeconds);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 2L);
        assertThat(nodeTwo.consume("user:b", threePerTwoSeconds).allowed()).isTrue();

        nodeOne.refund("user:a", threePerTwoSeconds);
        assertThat(nodeTwo.consume("user:a", threePerTwoSeconds).allowed())
                .as("a refund is seen by every node")
                .isTrue();

        sleep(Duration.ofSeconds(refused.retryAfterSeconds()).plusMillis(300));
        RateLimiter.Decision reset = nodeTwo.consume("user:a", threePerTwoSeconds);
        assertThat(reset.allowed()).isTrue();
        assertThat(reset.remaining()).isEqualTo(2);
    }

    @Test
    void aForgottenBucketLeavesNoKeyAndStartsFull() {
        RateLimiter.Limit threePerMinute = new RateLimiter.Limit(3, Duration.ofMinutes(1));
        nodeOne.consume("user:gone", threePerMinute);
        nodeOne.consume("user:kept", threePerMinute);
        RedisCommands<String, String> redis = nodeOneClient.connect().sync();
        assertThat(redis.keys(prefix + "user:gone*")).hasSize(1);

        nodeTwo.forget("user:gone", threePerMinute);

        assertThat(redis.keys(prefix + "user:gone*"))
                .as("the bucket's key is gone at once")
                .isEmpty();
        assertThat(redis.keys(prefix + "user:kept*")).as("other buckets stay").hasSize(1);
        assertThat(nodeOne.consume("user:gone", threePerMinute).remaining()).isEqualTo(2);
        nodeTwo.forget("user:never", threePerMinute);
    }

    @Test
    void anUnreachableRedisIsAnErrorNotAFreePass() {
        RedisClient nowhere = RedisClient.create("redis://127.0.0.1:1");
        try {
            RateLimiter limiter = new RedisRateLimiter(nowhere, prefix, Duration.ofMillis(500));
            assertThatThrownBy(() -> limiter.consume("user:c", new RateLimiter.Limit(3, Duration.ofMinutes(1))))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            nowhere.shutdown();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
