package io.voxify.infrastructure.ratelimit;

import java.time.Duration;

/**
 * What sign-in throttling remembers about an account across client addresses: its recent
 * failures, when its next sign-in attempt may be checked once those failures make it paced, and
 * the addresses it has signed in from. Accounts are named by the caller (a digest of the e-mail,
 * whether or not such an account exists). The embedded adapter keeps this in memory; the infra
 * profile keeps it in Redis, so that every API node paces an account alike.
 */
public interface SignInHistory {

    /**
     * Counts a failed sign-in on the account. The count is forgotten {@code memory} after the last
     * failure, so an attack that goes on keeps it.
     */
    void recordFailure(String account, Duration memory);

    /**
     * Books the account's next sign-in slot. An account with fewer than {@code pacing.freeFailures()}
     * remembered failures is not paced: the slot is now. Past that, slots are spaced by a delay that
     * doubles with every further failure up to {@code pacing.maxDelay()}; a slot due within
     * {@code pacing.maxWait()} is booked (the attempt waits for it), a later one is not (the
     * attempt is refused and told when to come back).
     */
    Slot reserve(String account, Pacing pacing);

    /** Remembers that the account signed in from this address (a known address is not paced). */
    void rememberAddress(String account, String address, Duration ttl);

    boolean knownAddress(String account, String address);

    /** How an account's attempts are spaced once it has had {@code freeFailures} failures. */
    record Pacing(long freeFailures, Duration firstDelay, Duration maxDelay, Duration maxWait, Duration memory) {

        /** The spacing after {@code failures} remembered failures: none below the free ones, then doubling. */
        public long delayMillis(long failures) {
            if (failures < freeFailures) {
                return 0;
            }
            long doublings = Math.min(failures - freeFailures, 40);
            double delay = firstDelay.toMillis() * Math.pow(2, doublings);
            return (long) Math.min(delay, maxDelay.toMillis());
        }
    }

    /**
     * Whether a slot was booked, how long until it is due (0: now), and when a refused attempt may
     * come back.
     */
    record Slot(boolean granted, long waitMillis, long retryAfterMillis) {

        public static Slot now() {
            return new Slot(true, 0, 0);
        }
    }
}
