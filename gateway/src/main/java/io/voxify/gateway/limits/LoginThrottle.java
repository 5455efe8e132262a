package io.voxify.gateway.limits;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.admin.PlatformSettings;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Sign-in attempts per account and per client address within a window (from the platform
 * configuration). An attempt counts against both before the password is checked; a successful
 * one is given back, so only failures add up. Unknown e-mails count like known ones, so the
 * throttle reveals nothing about which accounts exist.
 */
@Component
public class LoginThrottle {
    private final RateLimiter limiter;
    private final PlatformSettings settings;

    public LoginThrottle(RateLimiter limiter, PlatformSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    public <T> T attempt(String email, String clientAddress, Supplier<T> login) {
        PlatformConfig c = settings.config();
        Duration window = Duration.ofSeconds(c.loginWindowSeconds());
        RateLimiter.Limit perAccount = new RateLimiter.Limit(c.loginAttemptsPerAccount(), window);
        RateLimiter.Limit perAddress = new RateLimiter.Limit(c.loginAttemptsPerAddress(), window);
        String accountKey = "login:account:" + email;
        String addressKey = "login:address:" + ClientAddress.limitKey(clientAddress);
        RateLimiter.Decision account = limiter.consume(accountKey, perAccount);
        if (!account.allowed()) {
            throw refused(account, "this account");
        }
        RateLimiter.Decision address = limiter.consume(addressKey, perAddress);
        if (!address.allowed()) {
            limiter.refund(accountKey, perAccount);
            throw refused(address, "this address");
        }
        T result = login.get();
        limiter.refund(accountKey, perAccount);
        limiter.refund(addressKey, perAddress);
        return result;
    }

    private static LimitExceededException refused(RateLimiter.Decision decision, String what) {
        return new LimitExceededException(ErrorCode.RATE_LIMITED,
                "Too many sign-in attempts for " + what + "; try again in " + decision.retryAfterSeconds() + " s",
                Map.of("retry_after_seconds", decision.retryAfterSeconds()),
                Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
    }
}
