package io.voxify.gateway.limits;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.security.SecurityProperties;
import io.voxify.gateway.web.RequestContext;
import io.voxify.infrastructure.ratelimit.RateLimiter;
import io.voxify.infrastructure.ratelimit.SignInHistory;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling that an attacker cannot turn against the account's owner (OWASP ASVS 2.2.1:
 * anti-automation must not lock the legitimate user out). Within {@code login_window_seconds}:
 * <ul>
 * <li>one address may fail {@code login_attempts_per_address} times across all accounts, then it
 *     is refused (429) until its window ends;</li>
 * <li>one address may fail {@code login_attempts_per_account} times on one account, then that
 *     address is refused for that account; the owner at any other address is not;</li>
 * <li>once an account has had {@code login_attempts_per_account} failures from anywhere (a count
 *     forgotten after a window without failures), its attempts from addresses it has never signed
 *     in from are paced: each waits for a slot, slots spaced by a delay that doubles with every
 *     further failure up to {@code voxify.security.login-throttle.max-delay}. A slot due within
 *     {@code max-wait} is waited for without holding a servlet thread (the request is answered
 *     asynchronously); a later one is a 429 with {@code Retry-After}. Addresses the account has
 *     signed in from within {@code known-address-ttl} are never paced, so an attack spread over
 *     many addresses slows the attacker and not the owner at home.</li>
 * </ul>
 * Only failures count: a successful sign-in gives its tokens back. Unknown e-mails are counted,
 * paced and answered exactly like known ones (the account is named by a digest of the e-mail), so
 * the throttle tells nothing about which accounts exist.
 */
@Component
public class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(20);

    private final RateLimiter limiter;
    private final SignInHistory history;
    private final PlatformSettings settings;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration maxWait;
    private final Duration knownAddressTtl;
    /** Runs paced attempts when their slot is due: few threads, so paced password checks cannot take the CPU. */
    private final ScheduledExecutorService paced;

    public LoginThrottle(
            RateLimiter limiter, SignInHistory history, PlatformSettings settings, SecurityProperties security) {
        SecurityProperties.LoginThrottle throttle = security.loginThrottle();
        Duration firstDelay = throttle.firstDelay();
        Duration maxDelay = throttle.maxDelay();
        Duration maxWait = throttle.maxWait();
        Duration knownAddressTtl = throttle.knownAddressTtl();
        this.limiter = limiter;
        this.history = history;
        this.settings = settings;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay.compareTo(firstDelay) < 0 ? firstDelay : maxDelay;
        // A held request must be answered well before the container gives up on it (30 s by default).
        this.maxWait = maxWait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : maxWait;
        this.knownAddressTtl = knownAddressTtl;
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), r -> {
                    Thread t = new Thread(r, "login-paced-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.setRemoveOnCancelPolicy(true);
        this.paced = executor;
    }

    /**
     * Runs {@code login} (the password check) if the throttle allows it now, later (when the
     * account's slot is due), or not at all (a {@link LimitExceededException}). Its outcome is the
     * future's: a {@link DomainException} with {@code INVALID_CREDENTIALS} counts as a failure.
     */
    public <T> CompletableFuture<T> attempt(String email, String clientAddress, Supplier<T> login) {
        PlatformConfig c = settings.config();
        Duration window = Duration.ofSeconds(c.loginWindowSeconds());
        String account = account(email);
        String address = ClientAddress.limitKey(clientAddress);
        Buckets buckets = new Buckets(
                new RateLimiter.Limit(c.loginAttemptsPerAddress(), window),
                "login:address:" + address,
                new RateLimiter.Limit(c.loginAttemptsPerAccount(), window),
                "login:pair:" + account + ':' + address);
        long waitMillis;
        try {
            waitMillis = admit(
                    buckets,
                    account,
                    address,
                    new SignInHistory.Pacing(c.loginAttemptsPerAccount(), firstDelay, maxDelay, maxWait, window));
        } catch (DomainException refused) {
            throw refused;
        } catch (RuntimeException storeDown) {
            log.warn("Sign-in throttle store unavailable: {}", storeDown.toString());
            throw new LimitExceededException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is briefly unavailable; try again in a few seconds",
                    null,
                    Map.of("Retry-After", "5"));
        }
        Supplier<T> check = () -> check(login, account, address, window, buckets);
        if (waitMillis <= 0) {
            try {
                return CompletableFuture.completedFuture(check.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Supplier<T> inThisRequest = RequestContext.carrying(check);
        paced.schedule(
                () -> {
                    try {
                        outcome.complete(inThisRequest.get());
                    } catch (RuntimeException e) {
                        outcome.completeExceptionally(e);
                    }
                },
                waitMillis,
                TimeUnit.MILLISECONDS);
        return outcome;
    }

    /** The attempt's two buckets: its address's, and its address's on this account. */
    private record Buckets(
            RateLimiter.Limit perAddress, String addressKey, RateLimiter.Limit perPair, String pairKey) {}

    /** Takes the attempt's tokens and its slot, or refuses it: how long it must wait for its slot. */
    private long admit(Buckets b, String account, String address, SignInHistory.Pacing pacing) {
        RateLimiter.Decision fromAddress = limiter.consume(b.addressKey(), b.perAddress());
        if (!fromAddress.allowed()) {
            throw refused("address", fromAddress.retryAfterSeconds(), "Too many failed sign-ins from this address");
        }
        RateLimiter.Decision onAccount = limiter.consume(b.pairKey(), b.perPair());
        if (!onAccount.allowed()) {
            limiter.refund(b.addressKey(), b.perAddress());
            throw refused(
                    "account_and_address",
                    onAccount.retryAfterSeconds(),
                    "Too many failed sign-ins on this account from this address");
        }
        if (history.knownAddress(account, address)) {
            return 0;
        }
        SignInHistory.Slot slot = history.reserve(account, pacing);
        if (!slot.granted()) {
            giveBack(b);
            throw refused(
                    "account",
                    (slot.retryAfterMillis() + 999) / 1000,
                    "Too many failed sign-ins on this account; attempts from new addresses are slowed down");
        }
        return slot.waitMillis();
    }

    /**
     * Only a wrong password (or an unknown e-mail) counts; any other outcome, success included,
     * gives the attempt's tokens back. A success also makes the address known to the account.
     */
    private <T> T check(Supplier<T> login, String account, String address, Duration window, Buckets buckets) {
        T result;
        try {
            result = login.get();
        } catch (RuntimeException e) {
            try {
                if (isWrongPassword(e)) {
                    history.recordFailure(account, window);
                } else {
                    giveBack(buckets);
                }
            } catch (RuntimeException storeDown) {
                log.warn("A failed sign-in could not be recorded by the throttle: {}", storeDown.toString());
            }
            throw e;
        }
        try {
            giveBack(buckets);
            history.rememberAddress(account, address, knownAddressTtl);
        } catch (RuntimeException storeDown) {
            log.warn("A successful sign-in could not be recorded by the throttle: {}", storeDown.toString());
        }
        return result;
    }

    private void giveBack(Buckets b) {
        limiter.refund(b.addressKey(), b.perAddress());
        limiter.refund(b.pairKey(), b.perPair());
    }

    private static boolean isWrongPassword(RuntimeException e) {
        if (e instanceof DomainException d) {
            return d.code() == ErrorCode.INVALID_CREDENTIALS;
        }
        return e instanceof CommandExecutionException cee
                && cee.getDetails().isPresent()
                && cee.getDetails().get() instanceof DomainException d
                && d.code() == ErrorCode.INVALID_CREDENTIALS;
    }

    /** A fixed-length name for the account behind an e-mail, whether or not it exists. */
    static String account(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static LimitExceededException refused(String scope, long retryAfterSeconds, String message) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new LimitExceededException(
                ErrorCode.RATE_LIMITED,
                message + "; try again in " + seconds + " s",
                Map.of("scope", scope, "retry_after_seconds", seconds),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    @PreDestroy
    void stop() {
        paced.shutdownNow();
    }
}
