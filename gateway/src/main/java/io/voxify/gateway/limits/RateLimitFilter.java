package io.voxify.gateway.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.web.Envelope;
import io.voxify.infrastructure.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per minute per user (per client address before sign-in), from the platform
 * configuration. Runs after Spring Security so it knows the caller; every answer carries
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * (seconds until the window starts again), and a refusal is a 429 {@code RATE_LIMITED} with
 * {@code Retry-After}. Health, metrics and API documentation are not limited.
 */
@Component
@Order(0)
public class RateLimitFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String USER = "requests:user:";
    private static final List<String> UNLIMITED = List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/error");

    private final RateLimiter limiter;
    private final PlatformSettings settings;
    private final ObjectMapper json;

    public RateLimitFilter(RateLimiter limiter, PlatformSettings settings, ObjectMapper json) {
        this.limiter = limiter;
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // The console's page and assets (no data, no work) are not counted against the caller.
        return UNLIMITED.stream().anyMatch(path::startsWith)
                || path.equals("/")
                || path.equals("/index.html")
                || path.startsWith("/console/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter.Decision decision;
        try {
            decision = limiter.consume(callerKey(request), limit());
        } catch (RuntimeException storeDown) {
            log.warn("Rate-limit store unavailable: {}", storeDown.toString());
            response.setHeader("Retry-After", "5");
            Envelope.write(
                    response,
                    json,
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is briefly unavailable; try again in a few seconds",
                    null);
            return;
        }
        response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            Envelope.write(
                    response,
                    json,
                    ErrorCode.RATE_LIMITED,
                    "Too many requests: at most " + decision.limit() + " per minute",
                    new RateLimitDetails(null, decision.limit(), decision.retryAfterSeconds()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Drops a deleted account's bucket, whose name names the person, instead of leaving it to expire. */
    public void forgetUser(String userId) {
        try {
            limiter.forget(USER + userId, limit());
        } catch (RuntimeException storeDown) {
            // The account is gone already; its bucket, a count and nothing more, expires within a minute anyway.
            log.warn("Rate-limit bucket of {} not dropped now: {}", userId, storeDown.toString());
        }
    }

    private RateLimiter.Limit limit() {
        return new RateLimiter.Limit(settings.config().requestsPerMinute(), Duration.ofMinutes(1));
    }

    private static String callerKey(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null
                && auth.isAuthenticated()
                && auth.getPrincipal() instanceof Jwt jwt
                && jwt.getSubject() != null) {
            return USER + jwt.getSubject();
        }
        return "requests:address:" + ClientAddress.limitKey(request.getRemoteAddr());
    }
}
