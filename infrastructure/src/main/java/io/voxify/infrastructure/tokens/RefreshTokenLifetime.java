package io.voxify.infrastructure.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.security.refresh-token-ttl}: how long a refresh token is valid after it is issued. Read by the
 * sign-in service, which issues tokens, and by the Redis store, which lets a key expire a day after its token.
 */
@ConfigurationProperties("voxify.security")
public record RefreshTokenLifetime(@DefaultValue("P30D") Duration refreshTokenTtl) {}
