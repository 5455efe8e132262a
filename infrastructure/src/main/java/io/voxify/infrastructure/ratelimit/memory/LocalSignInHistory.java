package io.voxify.infrastructure.ratelimit.memory;

import io.voxify.infrastructure.ratelimit.SignInHistory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Sign-in history in this process (the embedded profile: one node). Entries go once nothing keeps
 * them (no failure within their memory, no slot ahead, a known address past its time), swept every
 * few thousand calls. At most {@code maxEntries} of each kind are held: past that, after a sweep,
 * nothing new is admitted, so a flood of made-up accounts cannot grow memory without bound (it
 * can only stop new accounts from being counted until the flood's own entries expire).
 */
public class LocalSignInHistory implements SignInHistory {
    static final int SWEEP_EVERY = 4096;

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Long> addresses = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final LongSupplier clockMillis;
    private final int maxEntries;

    /** An account's remembered failures and its next slot; changed only inside the map's compute methods. */
    private static final class Account {
        long failures;
        long failuresUntil;
        long nextSlot;

        boolean idle(long now) {
            return failuresUntil <= now && nextSlot <= now;
        }
    }

    public LocalSignInHistory() {
        this(() -> System.nanoTime() / 1_000_000, 200_000);
    }

    /** With the given clock (milliseconds, any origin) and bound (tests move time and fill it). */
    LocalSignInHistory(LongSupplier clockMillis, int maxEntries) {
        this.clockMillis = clockMillis;
        this.maxEntries = maxEntries;
    }

    @Override
    public void recordFailure(String account, Duration memory) {
        long now = clockMillis.getAsLong();
        sweepNow(now);
        if (accounts.size() >= maxEntries && !accounts.containsKey(account)) {
            sweep(now);
            if (accounts.size() >= maxEntries) {
                return;
            }
        }
        accounts.compute(account, (k, state) -> {
            Account s = state != null ? state : new Account();
            if (s.failuresUntil <= now) {
                s.failures = 0;
            }
            s.failures++;
            s.failuresUntil = now + memory.toMillis();
            return s;
        });
    }

    @Override
    public Slot reserve(String account, Pacing pacing) {
        long now = clockMillis.getAsLong();
        Slot[] booked = {Slot.now()};
        accounts.computeIfPresent(account, (k, s) -> {
            long delay = pacing.delayMillis(s.failuresUntil > now ? s.failures : 0);
            if (delay > 0) {
                long next = Math.max(now, s.nextSlot);
                long wait = next - now;
                if (wait > pacing.maxWait().toMillis()) {
                    booked[0] = new Slot(false, wait, wait - pacing.maxWait().toMillis());
                } else {
                    s.nextSlot = next + delay;
                    booked[0] = new Slot(true, wait, 0);
                }
            }
            return s;
        });
        return booked[0];
    }

    @Override
    public void rememberAddress(String account, String address, Duration ttl) {
        long now = clockMillis.getAsLong();
        sweepNow(now);
        String key = account + '\n' + address;
        if (addresses.size() >= maxEntries && !addresses.containsKey(key)) {
            sweep(now);
            if (addresses.size() >= maxEntries) {
                return;
            }
        }
        addresses.put(key, now + ttl.toMillis());
    }

    @Override
    public boolean knownAddress(String account, String address) {
        Long until = addresses.get(account + '\n' + address);
        return until != null && until > clockMillis.getAsLong();
    }

    private void sweepNow(long now) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
    }

    /** Each removal is decided inside the map's own per-key lock, so it never races an update of that key. */
    private synchronized void sweep(long now) {
        accounts.keySet().forEach(key -> accounts.computeIfPresent(key, (k, s) -> s.idle(now) ? null : s));
        addresses.keySet().forEach(key -> addresses.computeIfPresent(key, (k, until) -> until <= now ? null : until));
    }

    int size() {
        return accounts.size() + addresses.size();
    }
}
