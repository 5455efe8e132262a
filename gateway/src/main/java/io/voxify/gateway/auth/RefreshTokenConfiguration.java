package io.voxify.gateway.auth;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Where refresh tokens live: the database (the embedded default) or Redis ({@code voxify.refresh-tokens.store=redis}). */
@Configuration(proxyBeanMethods = false)
public class RefreshTokenConfiguration {

    @Bean
    @ConditionalOnProperty(name = "voxify.refresh-tokens.store", havingValue = "database", matchIfMissing = true)
    RefreshTokenStore databaseRefreshTokens(RefreshTokenRepository tokens) {
        return new JpaRefreshTokenStore(tokens);
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.refresh-tokens.store", havingValue = "redis")
    RefreshTokenStore redisRefreshTokens(StringRedisTemplate redis,
                                         @Value("${voxify.security.refresh-token-ttl}") Duration refreshTtl,
                                         @Value("${voxify.refresh-tokens.redis-prefix:voxify:rt:}") String prefix) {
        return new RedisRefreshTokenStore(redis, prefix, refreshTtl.plusDays(1));
    }
}
