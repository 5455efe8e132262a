package io.voxify.infrastructure.tokens;

import io.voxify.infrastructure.tokens.jpa.JpaRefreshTokenStore;
import io.voxify.infrastructure.tokens.jpa.RefreshTokenRepository;
import io.voxify.infrastructure.tokens.redis.RedisRefreshTokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Where refresh tokens live: the database (the embedded default) or Redis ({@code voxify.refresh-tokens.store=redis}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TokenProperties.class, RefreshTokenLifetime.class})
public class TokenConfiguration {

    @Bean
    @ConditionalOnProperty(name = "voxify.refresh-tokens.store", havingValue = "database", matchIfMissing = true)
    RefreshTokenStore databaseRefreshTokens(RefreshTokenRepository tokens) {
        return new JpaRefreshTokenStore(tokens);
    }

    @Bean
    @ConditionalOnProperty(name = "voxify.refresh-tokens.store", havingValue = "redis")
    RefreshTokenStore redisRefreshTokens(
            StringRedisTemplate redis, TokenProperties properties, RefreshTokenLifetime lifetime) {
        return new RedisRefreshTokenStore(
                redis, properties.redisPrefix(), lifetime.refreshTokenTtl().plusDays(1));
    }
}
