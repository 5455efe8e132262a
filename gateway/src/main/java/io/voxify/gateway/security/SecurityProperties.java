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
 * @param adminEmail     an administrator account made at start-up when none has this e-mail (with
 *                       {@code adminPassword}); empty: none
 * @param adminPassword  that account's password
 * @param loginThrottle  the progressive delay of sign-ins to an account under attack
 */
@ConfigurationProperties("voxify.security")
public record SecurityProperties(
        @DefaultValue("") String jwtSecret,
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("PT2S") Duration sessionRefresh,
        @DefaultValue("") String metricsToken,
        @DefaultValue("") String adminEmail,
        @DefaultValue("") String adminPassword,
        @DefaultValue LoginThrottle loginThrottle) {

    /**
     * Once an account has had its failures (from any addresses), its sign-ins wait a delay that doubles with each
     * further failure, from {@code firstDelay} to {@code maxDelay}; a request waits at most {@code maxWait} in
     * the server and is told to come back otherwise. An address that signed in successfully is known for
     * {@code knownAddressTtl} and is not slowed by failures from elsewhere.
     */
    public record LoginThrottle(
            @DefaultValue("PT1S") Duration firstDelay,
            @DefaultValue("PT60S") Duration maxDelay,
            @DefaultValue("PT5S") Duration maxWait,
            @DefaultValue("P30D") Duration knownAddressTtl) {}
}
