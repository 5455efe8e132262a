package io.voxify.infrastructure.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.voxify.infrastructure.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final LocalRateLimiter limiter = new LocalRateLimiter(clock, 1000, 1000 * 1024);
    private final RateLimiter.Limit threePerMinute = new RateLimiter.Limit(3, Duration.ofMinutes(1));

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aBurstPastTheLimitIsRefusedUntilTheWindowEnds() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            RateLimiter.Decision d = limiter.consume("user:a", threePerMinute);
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(remaining);
            assertThat(d.limit()).isEqualTo(3);
        }
        advance(Duration.ofSeconds(20));
        RateLimiter.Decision refused = limiter.consume("user:a", threePerMinute);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        assertThat(limiter.consume("user:b", threePerMinute).allowed())
                .as("buckets are per key")
                .isTrue();

        advance(Duration.ofSeconds(39));
        assertThat(limiter.consume("user:a", threePerMinute).allowed()).isFalse();
        advance(Duration.ofSeconds(1));
        RateLimiter.Decision reset = limiter.consume("user:a", threePerMinute);
        assertThat(reset.allowed())
                .as("the whole capacity returns when the window ends")
                .isTrue();
        assertThat(reset.remaining()).isEqualTo(2);
    }

    @Test
    void aForgottenBucketStartsFull() {
        limiter.consume("user:gone", threePerMinute);
        limiter.consume("user:gone", threePerMinute);
        limiter.forget("user:gone", threePerMinute);
        assertThat(limiter.consume("user:gone", threePerMinute).remaining()).isEqualTo(2);
        limiter.forget("user:never", threePerMinute);
    }

    @Test
    void aRefundGivesOneTokenBackButNeverMoreThanTheCapacity() {
        limiter.consume("login:x", threePerMinute);
        limiter.consume("login:x", threePerMinute);
        limiter.refund("login:x", threePerMinute);
        assertThat(limiter.consume("login:x", threePerMinute).remaining()).isEqualTo(1);
        limiter.refund("login:y", threePerMinute);
        limiter.consume("login:y", threePerMinute);
        limiter.refund("login:y", threePerMinute);
        limiter.refund("login:y", threePerMinute);
        assertThat(limiter.consume("login:y", threePerMinute).remaining()).isEqualTo(2);
    }

    @Test
    void aChangedLimitStartsAFreshBucketAndIdleBucketsAreDropped() {
        for (int i = 0; i < 3; i++) {
            limiter.consume("user:c", threePerMinute);
        }
        assertThat(limiter.consume("user:c", threePerMinute).allowed()).isFalse();
        RateLimiter.Limit five = new RateLimiter.Limit(5, Duration.ofMinutes(1));
        assertThat(limiter.consume("user:c", five).remaining()).isEqualTo(4);

        advance(Duration.ofMinutes(3));
        limiter.consume("user:d", threePerMinute);
        assertThat(limiter.size()).as("only the bucket still in use remains").isEqualTo(1);
    }

    /** Distinct callers (every address of an IPv6 network, say) never hold more buckets than the bound. */
    @Test
    void aFloodOfNewKeysStaysWithinTheBoundAndKeepsTheBucketsInUse() {
        LocalRateLimiter small = new LocalRateLimiter(clock, 100, 100 * 1024);
        for (int i = 0; i < 4; i++) {
            small.consume("user:busy", threePerMinute);
        }
        assertThat(small.consume("user:busy", threePerMinute).allowed()).isFalse();
        for (int i = 0; i < 20_000; i++) {
            small.consume("address:2001:db8::" + Integer.toHexString(i), threePerMinute);
            assertThat(small.size()).isLessThanOrEqualTo(100);
            if (i % 50 == 0) {
                small.consume("user:busy", threePerMinute);
            }
        }
        assertThat(small.consume("user:busy", threePerMinute).allowed())
                .as("a bucket in steady use is not pushed out by one-off keys")
                .isFalse();
        String huge = "login:account:" + "a".repeat(200_000);
        for (int i = 0; i < 3; i++) {
            assertThat(small.consume(huge, threePerMinute).allowed()).isTrue();
        }
        assertThat(small.consume(huge, threePerMinute).allowed())
                .as("a key larger than the bound is limited too")
                .isFalse();
        assertThat(small.size()).isLessThanOrEqualTo(100);
    }
}
