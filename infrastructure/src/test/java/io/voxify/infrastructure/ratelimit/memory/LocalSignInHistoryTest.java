package io.voxify.infrastructure.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.ratelimit.SignInHistory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalSignInHistoryTest {
    private static final SignInHistory.Pacing PACING = new SignInHistory.Pacing(
            2, Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofSeconds(15), Duration.ofMinutes(15));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LocalSignInHistory history = new LocalSignInHistory(now::get, 1000);

    @Test
    void anAccountIsPacedOnlyPastItsFreeFailuresAndTheDelayDoublesWithEachFailure() {
        history.recordFailure("acct", PACING.memory());
        assertThat(history.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
        assertThat(history.reserve("acct", PACING))
                .as("below the free failures nothing is booked")
                .isEqualTo(new SignInHistory.Slot(true, 0, 0));
        history.recordFailure("acct", PACING.memory());

        assertThat(history.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
        assertThat(history.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 10_000, 0));
        assertThat(history.reserve("acct", PACING))
                .as("a slot beyond the longest wait is refused, not booked")
                .isEqualTo(new SignInHistory.Slot(false, 20_000, 5_000));
        now.addAndGet(20_000);
        history.recordFailure("acct", PACING.memory());
        assertThat(history.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
        assertThat(history.reserve("acct", PACING))
                .as("three failures: the next slot is twice the first delay away")
                .isEqualTo(new SignInHistory.Slot(false, 20_000, 5_000));
        assertThat(history.reserve("other", PACING))
                .as("accounts are paced apart")
                .isEqualTo(new SignInHistory.Slot(true, 0, 0));
    }

    @Test
    void theDelayIsCapped() {
        assertThat(PACING.delayMillis(1)).isZero();
        assertThat(PACING.delayMillis(2)).isEqualTo(10_000);
        assertThat(PACING.delayMillis(3)).isEqualTo(20_000);
        assertThat(PACING.delayMillis(4)).isEqualTo(40_000);
        assertThat(PACING.delayMillis(5)).isEqualTo(40_000);
        assertThat(PACING.delayMillis(Long.MAX_VALUE)).isEqualTo(40_000);
    }

    @Test
    void failuresAreForgottenAfterAQuietSpellButNotWhileTheAttackGoesOn() {
        for (int i = 0; i < 3; i++) {
            history.recordFailure("acct", Duration.ofMinutes(15));
            now.addAndGet(Duration.ofMinutes(10).toMillis());
        }
        assertThat(history.reserve("acct", PACING).waitMillis()).isZero();
        assertThat(history.reserve("acct", PACING).waitMillis())
                .as("still paced 30 minutes in")
                .isPositive();
        now.addAndGet(Duration.ofMinutes(16).toMillis());
        assertThat(history.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
        assertThat(history.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
    }

    @Test
    void addressesAreKnownToTheirAccountForTheirTime() {
        history.rememberAddress("acct", "198.51.100.7", Duration.ofDays(30));
        assertThat(history.knownAddress("acct", "198.51.100.7")).isTrue();
        assertThat(history.knownAddress("acct", "198.51.100.8")).isFalse();
        assertThat(history.knownAddress("other", "198.51.100.7")).isFalse();
        now.addAndGet(Duration.ofDays(31).toMillis());
        assertThat(history.knownAddress("acct", "198.51.100.7")).isFalse();
    }

    @Test
    void memoryIsBoundedAndIdleEntriesGo() {
        for (int i = 0; i < 1500; i++) {
            history.recordFailure("acct-" + i, Duration.ofMinutes(1));
            history.rememberAddress("acct-" + i, "198.51.100.7", Duration.ofMinutes(1));
        }
        assertThat(history.size()).isLessThanOrEqualTo(2000);
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        history.recordFailure("late", Duration.ofMinutes(1));
        history.rememberAddress("late", "198.51.100.7", Duration.ofMinutes(1));
        assertThat(history.size()).as("expired entries made room").isEqualTo(2);
        assertThat(history.knownAddress("late", "198.51.100.7")).isTrue();
    }
}
