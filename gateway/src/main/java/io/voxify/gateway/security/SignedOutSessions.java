package io.voxify.gateway.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions that were signed out. A session is one sign-in: its refresh-token family, every access
 * token refreshed from it and every signed link issued under it carry its id ({@code sid}), so a
 * sign-out ends them all at once. A row is kept only while a credential of the session could still
 * be presented (the longest of the access-token and link lifetimes), since the session can issue
 * no new ones. Checked on every request and every link, so the live ones are kept in memory and
 * re-read from the table every {@code voxify.security.session-refresh} (default 2 s): a sign-out
 * on another node reaches this one within that time; one made here counts at once.
 */
@Component
public class SignedOutSessions {
    private final SignedOutSessionRepository repository;
    private final long refreshNanos;
    /** Session id → until when it matters (epoch milliseconds). */
    private volatile Map<String, Long> signedOut = Map.of();

    private volatile long loadedAt;
    private volatile boolean loaded;

    public SignedOutSessions(SignedOutSessionRepository repository, SecurityProperties security) {
        this.repository = repository;
        this.refreshNanos = security.sessionRefresh().toNanos();
    }

    @Transactional
    public void signOut(String sessionId, Instant until) {
        if (sessionId == null || sessionId.isBlank()) {
            return;
        }
        long now = Instant.now().toEpochMilli();
        repository.deleteExpired(now);
        repository.save(new SignedOutSessionEntity(sessionId, until.toEpochMilli()));
        synchronized (this) {
            Map<String, Long> copy = new HashMap<>(signedOut);
            copy.put(sessionId, until.toEpochMilli());
            signedOut = copy;
        }
    }

    public boolean isSignedOut(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return false;
        }
        if (!loaded || System.nanoTime() - loadedAt > refreshNanos) {
            reload();
        }
        return signedOut.containsKey(sessionId);
    }

    /** Sign-outs only accumulate until they stop mattering, so the table and this node's own are united. */
    private synchronized void reload() {
        if (loaded && System.nanoTime() - loadedAt <= refreshNanos) {
            return;
        }
        long now = Instant.now().toEpochMilli();
        Map<String, Long> fresh = new HashMap<>();
        repository.findLive(now).forEach(row -> fresh.put(row.sessionId, row.until));
        signedOut.forEach((session, until) -> {
            if (until >= now) {
                fresh.putIfAbsent(session, until);
            }
        });
        signedOut = fresh;
        loadedAt = System.nanoTime();
        loaded = true;
    }
}
