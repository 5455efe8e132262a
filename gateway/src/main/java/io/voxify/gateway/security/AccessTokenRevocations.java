package io.voxify.gateway.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access tokens signed out before they expire. Checked on every request, so the live ones are
 * kept in memory and re-read from the table every {@code voxify.security.session-refresh}
 * (default 2 s): a sign-out on another node reaches this one within that time; one made here
 * counts at once. Rows go once their token would have expired anyway.
 */
@Component
public class AccessTokenRevocations {
    private final RevokedAccessTokenRepository repository;
    private final long refreshNanos;
    /** Token id → when it would have expired (epoch milliseconds). */
    private volatile Map<String, Long> revoked = Map.of();

    private volatile long loadedAt;
    private volatile boolean loaded;

    public AccessTokenRevocations(RevokedAccessTokenRepository repository, SecurityProperties security) {
        this.repository = repository;
        this.refreshNanos = security.sessionRefresh().toNanos();
    }

    @Transactional
    public void revoke(String tokenId, Instant expiresAt) {
        if (tokenId == null) {
            return;
        }
        repository.save(new RevokedAccessTokenEntity(tokenId, expiresAt.toEpochMilli()));
        synchronized (this) {
            Map<String, Long> copy = new HashMap<>(revoked);
            copy.put(tokenId, expiresAt.toEpochMilli());
            revoked = copy;
        }
    }

    public boolean isRevoked(String tokenId) {
        if (!loaded || System.nanoTime() - loadedAt > refreshNanos) {
            reload();
        }
        return tokenId != null && revoked.containsKey(tokenId);
    }

    /** Revocations only accumulate until expiry, so the table and this node's own are united. */
    private synchronized void reload() {
        if (loaded && System.nanoTime() - loadedAt <= refreshNanos) {
            return;
        }
        long now = Instant.now().toEpochMilli();
        Map<String, Long> fresh = new HashMap<>();
        repository.findLiveTokens(now).forEach(row -> fresh.put(row.tokenId, row.expiresAt));
        revoked.forEach((token, expiry) -> {
            if (expiry >= now) {
                fresh.putIfAbsent(token, expiry);
            }
        });
        revoked = fresh;
        loadedAt = System.nanoTime();
        loaded = true;
    }
}
