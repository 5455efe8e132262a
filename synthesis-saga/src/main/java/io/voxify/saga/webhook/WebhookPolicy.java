package io.voxify.saga.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a webhook is tried: after the n-th failed try the next comes {@code retryDelays[n-1]} later
 * (the last delay repeats), as long as it falls within {@code giveUpAfter} of the moment the webhook
 * became due; otherwise it is abandoned. A try whose result is not recorded within {@code attemptGuard}
 * (the process stopped while the call was in flight) is made again.
 */
public record WebhookPolicy(List<Duration> retryDelays, Duration giveUpAfter, Duration attemptGuard) {

    public WebhookPolicy {
        if (retryDelays == null || retryDelays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        retryDelays = List.copyOf(retryDelays);
        attemptGuard = attemptGuard == null ? Duration.ofMinutes(2) : attemptGuard;
    }

    public WebhookPolicy(List<Duration> retryDelays, Duration giveUpAfter) {
        this(retryDelays, giveUpAfter, null);
    }

    /** The production schedule: quick retries first, then hourly and longer, for one day. */
    public static WebhookPolicy standard() {
        return new WebhookPolicy(parseDelays("10s,30s,1m,5m,15m,1h,2h,4h"), Duration.ofHours(24));
    }

    public Duration delayAfter(int failedAttempt) {
        return retryDelays.get(Math.min(Math.max(failedAttempt, 1), retryDelays.size()) - 1);
    }

    /** When the try after {@code failedAttempt} is due, or empty when that would pass the retry period. */
    public Optional<Instant> nextAttempt(int failedAttempt, Instant dueAt, Instant attemptedAt) {
        Instant next = attemptedAt.plus(delayAfter(failedAttempt));
        return next.isAfter(dueAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }

    /** "10s,30s,1m,250ms,1h,1d" or ISO-8601 durations, comma separated. */
    public static List<Duration> parseDelays(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String item : text.split(",")) {
            String d = item.trim().toLowerCase(Locale.ROOT);
            if (d.isEmpty()) {
                continue;
            }
            if (d.startsWith("p")) {
                delays.add(Duration.parse(d.toUpperCase(Locale.ROOT)));
            } else if (d.endsWith("ms")) {
                delays.add(Duration.ofMillis(Long.parseLong(d.substring(0, d.length() - 2))));
            } else {
                long n = Long.parseLong(d.substring(0, d.length() - 1));
                delays.add(
                        switch (d.charAt(d.length() - 1)) {
                            case 's' -> Duration.ofSeconds(n);
                            case 'm' -> Duration.ofMinutes(n);
                            case 'h' -> Duration.ofHours(n);
                            case 'd' -> Duration.ofDays(n);
                            default -> throw new IllegalArgumentException("Not a delay: " + item);
                        });
            }
        }
        return delays;
    }
}
