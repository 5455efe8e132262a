package io.voxify.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LocalRateLimiter limiter = new LocalRateLimiter(new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });
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
        assertThat(limiter.consume("user:b", threePerMinute).allowed()).as("buckets are per key").isTrue();

        advance(Duration.ofSeconds(39));
        assertThat(limiter.consume("user:a", threePerMinute).allowed()).isFalse();
        advance(Duration.ofSeconds(1));
        RateLimiter.Decision reset = limiter.consume("user:a", threePerMinute);
        assertThat(reset.allowed()).as("the whole capacity returns when the window ends").isTrue();
        assertThat(reset.remaining()).isEqualTo(2);
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
        for (int i = 0; i < LocalRateLimiter.SWEEP_EVERY; i++) {
            limiter.consume("user:d", threePerMinute);
        }
        assertThat(limiter.size()).as("only the bucket still in use remains").isEqualTo(1);
    }
}
