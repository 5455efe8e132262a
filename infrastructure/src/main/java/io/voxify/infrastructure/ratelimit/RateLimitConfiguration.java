package io.voxify.infrastructure.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.voxify.infrastructure.ratelimit.memory.LocalOpenRequestSlots;
import io.voxify.infrastructure.ratelimit.memory.LocalRateLimiter;
import io.voxify.infrastructure.ratelimit.memory.LocalSignInHistory;
import io.voxify.infrastructure.ratelimit.redis.RedisOpenRequestSlots;
import io.voxify.infrastructure.ratelimit.redis.RedisRateLimiter;
import io.voxify.infrastructure.ratelimit.redis.RedisSignInHistory;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where rate-limit buckets and the sign-in history live: in memory (the embedded default, one node)
 * or in Redis ({@code voxify.rate-limits.store=redis}, shared by every API node).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RateLimitProperties.class, OpenRequestLease.class})
public class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "voxify.rate-limits.store", havingValue = "memory", matchIfMissing = true)
    RateLimiter localRateLimiter() {
        return new LocalRateLimiter();
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.rate-limits.store", havingValue = "redis")
    RateLimiter redisRateLimiter(RedisProperties redis, RateLimitProperties properties) {
        return new RedisRateLimiter(redisClient(redis), properties.redisPrefix(), Duration.ofSeconds(2));
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.rate-limits.store", havingValue = "memory", matchIfMissing = true)
    OpenRequestSlots localOpenRequestSlots() {
        return new LocalOpenRequestSlots();
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.rate-limits.store", havingValue = "memory", matchIfMissing = true)
    SignInHistory localSignInHistory() {
        return new LocalSignInHistory();
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.rate-limits.store", havingValue = "redis")
    OpenRequestSlots redisOpenRequestSlots(
            RedisProperties redis, RateLimitProperties properties, OpenRequestLease lease) {
        return new RedisOpenRequestSlots(redisClient(redis), properties.redisPrefix(), lease.openRequestLease());
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.rate-limits.store", havingValue = "redis")
    SignInHistory redisSignInHistory(RedisProperties redis, RateLimitProperties properties) {
        return new RedisSignInHistory(redisClient(redis), properties.redisPrefix());
    }

    /** A Lettuce client for Bucket4j, pointed where Spring Data Redis points ({@code spring.data.redis.*}). */
    static RedisClient redisClient(RedisProperties redis) {
        RedisURI uri;
        if (redis.getUrl() != null && !redis.getUrl().isBlank()) {
            uri = RedisURI.create(redis.getUrl());
        } else {
            uri = RedisURI.builder()
                    .withHost(redis.getHost())
                    .withPort(redis.getPort())
                    .withDatabase(redis.getDatabase())
                    .build();
            if (redis.getPassword() != null) {
                uri.setPassword(redis.getPassword().toCharArray());
            }
        }
        uri.setTimeout(redis.getTimeout() != null ? redis.getTimeout() : Duration.ofSeconds(2));
        return RedisClient.create(uri);
    }
}
