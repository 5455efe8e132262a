package io.voxify.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.security}, the keys that sign and check access tokens and guard the metrics.
 *
 * @param jwtSecret      base64 HMAC key (at least 32 bytes) signing access tokens, the same on every node; empty:
 *                       one is generated on first start and kept in the data directory
 * @param accessTokenTtl how long an access token is valid after it is issued
 * @param sessionRefresh how often a node re-reads sign-outs, revoked tokens and session versions made on other
 *                       nodes (one made on this node counts at once)
 * @param metricsToken   bearer token a Prometheus scrape sends for {@code /actuator/prometheus}; empty: metrics
 *                       are served only on a separate management port
 */
@ConfigurationProperties("voxify.security")
public record SecurityProperties(@DefaultValue("") String jwtSecret,
                                 @DefaultValue("PT15M") Duration accessTokenTtl,
                                 @DefaultValue("PT2S") Duration sessionRefresh,
                                 @DefaultValue("") String metricsToken) {
}
