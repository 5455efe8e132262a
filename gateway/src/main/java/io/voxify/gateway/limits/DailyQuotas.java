package io.voxify.gateway.limits;

import io.voxify.events.common.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Daily quotas per user (syntheses, uploads, sample processings, clones, trainings), counted in the database so that they survive a
 * restart and hold across API nodes that share it. Each use is one atomic upsert that only
 * counts while the user is under the limit; a use whose command then fails is given back.
 * Days are UTC days; counters older than a week are removed.
 */
@Component
public class DailyQuotas {
    public static final String SYNTHESES = "syntheses";
    public static final String UPLOADS = "uploads";
    public static final String SAMPLE_PROCESSINGS = "sample_processings";
    public static final String CLONES = "clones";
    public static final String TRAININGS = "trainings";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicReference<LocalDate> lastSweep = new AtomicReference<>();

    @Autowired
    public DailyQuotas(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    DailyQuotas(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A use that was counted; {@link #giveBack()} it when the work it allowed did not happen. */
    public final class Use {
        private final String key;

        private Use(String key) {
            this.key = key;
        }

        public void giveBack() {
            jdbc.update("UPDATE usage_counter SET used = used - 1 WHERE counter_key = ? AND used > 0", key);
        }
    }

    /** Counts one use of {@code kind} for the user, or refuses with 429 QUOTA_EXCEEDED. */
    public Use consume(String userId, String kind, long limit) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        sweep(today);
        String key = userId + '|' + kind + '|' + today;
        int counted = limit <= 0 ? 0 : jdbc.update("""
                INSERT INTO usage_counter (counter_key, user_id, kind, day, used) VALUES (?, ?, ?, ?, 1)
                ON CONFLICT (counter_key) DO UPDATE SET used = usage_counter.used + 1 WHERE usage_counter.used < ?""", key, userId, kind, today.toString(), limit);
        if (counted == 0) {
            long resetSeconds = Math.max(
                    1,
                    Duration.between(
                                    clock.instant(),
                                    today.plusDays(1)
                                            .atStartOfDay(ZoneOffset.UTC)
                                            .toInstant())
                            .toSeconds());
            throw new LimitExceededException(
                    ErrorCode.QUOTA_EXCEEDED,
                    "Daily " + kind + " quota of " + limit + " is used up; it resets at midnight UTC",
                    new QuotaExceededDetails(kind, limit, resetSeconds),
                    Map.of("Retry-After", Long.toString(resetSeconds)));
        }
        return new Use(key);
    }

    /** What the user has used of {@code kind} today. */
    public long used(String userId, String kind) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return jdbc.query(
                "SELECT used FROM usage_counter WHERE counter_key = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L,
                userId + '|' + kind + '|' + today);
    }

    /** Drops a deleted account's counters: nothing is left to limit, and each row names the person. */
    public void forget(String userId) {
        jdbc.update("DELETE FROM usage_counter WHERE user_id = ?", userId);
    }

    private void sweep(LocalDate today) {
        if (!today.equals(lastSweep.getAndSet(today))) {
            jdbc.update(
                    "DELETE FROM usage_counter WHERE day < ?",
                    today.minusDays(7).toString());
        }
    }
}
