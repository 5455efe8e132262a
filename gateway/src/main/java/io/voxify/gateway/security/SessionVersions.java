package io.voxify.gateway.security;

import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every access token carries its user's session version; bumping the version (account
 * disabled, role changed) makes every token issued before it stop working on the next request,
 * without waiting for it to expire. Only bumped users have a row; everyone else is at 0.
 * Versions are read on every request, so they are kept in memory and re-read from the database
 * every {@code voxify.security.session-refresh} (default 2 s): a bump made on another node
 * reaches this one within that time; one made here counts at once.
 */
@Component
public class SessionVersions {
    private final SessionVersionRepository repository;
    private final long refreshNanos;
    private volatile Map<String, Integer> versions = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;

    public SessionVersions(SessionVersionRepository repository, SecurityProperties security) {
        this.repository = repository;
        this.refreshNanos = security.sessionRefresh().toNanos();
    }

    public int current(String userId) {
        if (!loaded || System.nanoTime() - loadedAt > refreshNanos) {
            reload();
        }
        return versions.getOrDefault(userId, 0);
    }

    @Transactional
    public int bump(String userId) {
        if (repository.increment(userId) == 0) {
            repository.saveAndFlush(new SessionVersionEntity(userId, 1));
        }
        int next = repository.findById(userId).map(row -> row.version).orElse(1);
        synchronized (this) {
            Map<String, Integer> copy = new HashMap<>(versions);
            copy.merge(userId, next, Math::max);
            versions = copy;
        }
        return next;
    }

    /** Versions only grow, so what this node knows is merged with the database by taking the larger. */
    private synchronized void reload() {
        if (loaded && System.nanoTime() - loadedAt <= refreshNanos) {
            return;
        }
        Map<String, Integer> fresh = new HashMap<>();
        repository.findAll().forEach(row -> fresh.put(row.userId, row.version));
        versions.forEach((user, version) -> fresh.merge(user, version, Math::max));
        versions = fresh;
        loadedAt = System.nanoTime();
        loaded = true;
    }
}
