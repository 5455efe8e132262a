package io.voxify.gateway.security;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access tokens signed out before they expire. Checked on every request, so the set lives in
 * memory, loaded from the table at start; rows go once their token would have expired anyway.
 */
@Component
public class AccessTokenRevocations {
    private final RevokedAccessTokenRepository repository;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    public AccessTokenRevocations(RevokedAccessTokenRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void revoke(String tokenId, Instant expiresAt) {
        if (tokenId == null) {
            return;
        }
        repository.save(new RevokedAccessTokenEntity(tokenId, expiresAt.toEpochMilli()));
        revoked.add(tokenId);
    }

    public boolean isRevoked(String tokenId) {
        if (!loaded) {
            load();
        }
        return tokenId != null && revoked.contains(tokenId);
    }

    private synchronized void load() {
        if (!loaded) {
            revoked.addAll(repository.findLive(Instant.now().toEpochMilli()));
            loaded = true;
        }
    }
}
