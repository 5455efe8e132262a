package io.voxify.gateway.privacy;

import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.limits.LimitExceededException;
import io.voxify.gateway.limits.RateLimitDetails;
import io.voxify.gateway.web.RefusalWithHeaders;
import io.voxify.infrastructure.ratelimit.RateLimiter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How many exports a person may ask for per window ({@link ExportProperties}), counted in the shared rate-limit
 * store like the other per-user limits. The bucket is named by the person's id, so a deleted account's goes with
 * the account ({@link AccountDeletion}) rather than when it would be full again.
 */
@Component
public class ExportAllowance {
    private static final Logger log = LoggerFactory.getLogger(ExportAllowance.class);

    private final RateLimiter limiter;
    private final RateLimiter.Limit limit;

    public ExportAllowance(RateLimiter limiter, ExportProperties properties) {
        this.limiter = limiter;
        this.limit = new RateLimiter.Limit(properties.perWindow(), properties.window());
    }

    /** Takes one export from the person's allowance, or refuses: 429 past it, 503 when the store is away. */
    void admit(String userId) {
        RateLimiter.Decision decision;
        try {
            decision = limiter.consume(key(userId), limit);
        } catch (RuntimeException storeDown) {
            log.warn("Rate-limit store unavailable: {}", storeDown.toString());
            throw new RefusalWithHeaders(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is briefly unavailable; try again in a few seconds",
                    null,
                    Map.of("Retry-After", "5"));
        }
        if (!decision.allowed()) {
            long seconds = Math.max(1, decision.retryAfterSeconds());
            throw new LimitExceededException(
                    ErrorCode.RATE_LIMITED,
                    "Too many exports: at most " + limit.capacity() + " per " + window() + "; try again in " + seconds
                            + " s",
                    new RateLimitDetails("export", limit.capacity(), seconds),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** Gives back an export that failed before it was sent. */
    void refund(String userId) {
        limiter.refund(key(userId), limit);
    }

    /** Drops the person's bucket (their account was deleted). */
    void forget(String userId) {
        limiter.forget(key(userId), limit);
    }

    private static String key(String userId) {
        return "exports:user:" + userId;
    }

    private String window() {
        long minutes = limit.window().toMinutes();
        return minutes == 60 ? "hour" : minutes + " minutes";
    }
}
