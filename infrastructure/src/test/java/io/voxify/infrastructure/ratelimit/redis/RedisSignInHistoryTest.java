package io.voxify.infrastructure.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.voxify.infrastructure.ratelimit.SignInHistory;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two API nodes sharing one Redis (127.0.0.1:6379): an account is paced alike on both. */
class RedisSignInHistoryTest {
    private static final SignInHistory.Pacing PACING = new SignInHistory.Pacing(
            2, Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofSeconds(15), Duration.ofMinutes(15));

    private final String prefix = "voxify-test:" + UUID.randomUUID() + ":";
    private final RedisSignInHistory nodeOne =
            new RedisSignInHistory(RedisClient.create("redis://127.0.0.1:6379"), prefix);
    private final RedisSignInHistory nodeTwo =
            new RedisSignInHistory(RedisClient.create("redis://127.0.0.1:6379"), prefix);

    @AfterEach
    void close() {
        nodeOne.close();
        nodeTwo.close();
    }

    @Test
    void twoNodesCountFailuresAndBookSlotsOfOneAccountTogether() {
        nodeOne.recordFailure("acct", PACING.memory());
        assertThat(nodeTwo.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
        assertThat(nodeTwo.reserve("acct", PACING))
                .as("below the free failures nothing is booked")
                .isEqualTo(new SignInHistory.Slot(true, 0, 0));
        nodeTwo.recordFailure("acct", PACING.memory());

        assertThat(nodeOne.reserve("acct", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
        SignInHistory.Slot second = nodeTwo.reserve("acct", PACING);
        assertThat(second.granted()).isTrue();
        assertThat(second.waitMillis()).as("the other node's booking counts").isBetween(9_000L, 10_000L);
        SignInHistory.Slot third = nodeOne.reserve("acct", PACING);
        assertThat(third.granted())
                .as("a slot beyond the longest wait is refused")
                .isFalse();
        assertThat(third.retryAfterMillis()).isBetween(4_000L, 5_000L);

        nodeOne.recordFailure("acct", PACING.memory());
        SignInHistory.Slot fourth = nodeTwo.reserve("acct", PACING);
        assertThat(fourth.granted()).isFalse();
        assertThat(fourth.waitMillis()).as("a refused attempt booked nothing").isBetween(19_000L, 20_000L);
        assertThat(nodeTwo.reserve("other", PACING)).isEqualTo(new SignInHistory.Slot(true, 0, 0));
    }

    @Test
    void failuresAreForgottenAfterTheirMemory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            nodeOne.recordFailure("quiet", Duration.ofMillis(700));
        }
        assertThat(nodeTwo.reserve("quiet", PACING).waitMillis()).isZero();
        assertThat(nodeTwo.reserve("quiet", PACING).waitMillis()).isPositive();
        Thread.sleep(1000);
        nodeOne.recordFailure("quiet", Duration.ofMillis(700));
        SignInHistory.Slot afterAQuietSpell = nodeTwo.reserve("quiet", PACING);
        assertThat(afterAQuietSpell.granted()).isTrue();
        assertThat(afterAQuietSpell.waitMillis())
                .as("one failure is below the free ones")
                .isZero();
    }

    @Test
    void anAddressIsKnownToItsAccountOnEveryNode() {
        nodeOne.rememberAddress("acct", "198.51.100.7", Duration.ofDays(30));
        assertThat(nodeTwo.knownAddress("acct", "198.51.100.7")).isTrue();
        assertThat(nodeTwo.knownAddress("acct", "198.51.100.8")).isFalse();
        assertThat(nodeTwo.knownAddress("other", "198.51.100.7")).isFalse();
    }
}
