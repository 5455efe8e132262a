package io.voxify.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every access token carries its user's session version; bumping the version (account
 * disabled, role changed) makes every token issued before it stop working on the next request,
 * without waiting for it to expire. Only bumped users have a row; everyone else is at 0.
 */
@Component
public class SessionVersions {
    private final SessionVersionRepository repository;
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public SessionVersions(SessionVersionRepository repository) {
        this.repository = repository;
    }

    public int current(String userId) {
        if (!loaded) {
            load();
        }
        return versions.getOrDefault(userId, 0);
    }

    @Transactional
    public int bump(String userId) {
        int next = current(userId) + 1;
        repository.save(new SessionVersionEntity(userId, next));
        versions.put(userId, next);
        return next;
    }

    private synchronized void load() {
        if (!loaded) {
            repository.findAll().forEach(row -> versions.put(row.userId, row.version));
            loaded = true;
        }
    }
}
