package io.voxify.saga.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookPolicyTest {
    private static final Instant DUE = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theStandardScheduleBacksOffAndRepeatsItsLastDelay() {
        WebhookPolicy policy = WebhookPolicy.standard();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 20).stream()
                        .map(policy::delayAfter)
                        .toList())
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        Duration.ofHours(2),
                        Duration.ofHours(4),
                        Duration.ofHours(4),
                        Duration.ofHours(4));
    }

    /** A receiver that never answers (each try takes no time): tries keep coming for a day, then stop. */
    @Test
    void aWebhookIsTriedForADayAndThenAbandoned() {
        WebhookPolicy policy = WebhookPolicy.standard();
        List<Instant> tries = new ArrayList<>(List.of(DUE));
        Optional<Instant> next = policy.nextAttempt(1, DUE, DUE);
        while (next.isPresent()) {
            tries.add(next.get());
            next = policy.nextAttempt(tries.size(), DUE, next.get());
        }
        Instant last = tries.get(tries.size() - 1);
        assertThat(last).isBeforeOrEqualTo(DUE.plus(Duration.ofHours(24)));
        assertThat(last.plus(Duration.ofHours(4))).isAfter(DUE.plus(Duration.ofHours(24)));
        assertThat(tries).hasSize(13);
    }

    @Test
    void theRetryPeriodCountsFromWhenTheWebhookBecameDue() {
        WebhookPolicy policy = new WebhookPolicy(List.of(Duration.ofMinutes(10)), Duration.ofMinutes(30));
        assertThat(policy.nextAttempt(1, DUE, DUE.plusSeconds(60))).contains(DUE.plusSeconds(660));
        assertThat(policy.nextAttempt(3, DUE, DUE.plus(Duration.ofMinutes(20))))
                .contains(DUE.plus(Duration.ofMinutes(30)));
        assertThat(policy.nextAttempt(4, DUE, DUE.plus(Duration.ofMinutes(21)))).isEmpty();
    }

    @Test
    void delaysAreWrittenWithUnitsOrInIso() {
        assertThat(WebhookPolicy.parseDelays("250ms, 2s,1m ,1h,1d,PT90S"))
                .containsExactly(
                        Duration.ofMillis(250),
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(1),
                        Duration.ofHours(1),
                        Duration.ofDays(1),
                        Duration.ofSeconds(90));
        assertThatThrownBy(() -> WebhookPolicy.parseDelays("5x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookPolicy(List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
