package io.voxify.infrastructure.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Live keys kept in memory for a while, so a replay opens thousands of events without a query each. A key
 * enters the cache only once the transaction that read or made it has committed (a key made by an append that
 * rolled back must not seal later events).
 *
 * <p>A key destroyed on this node leaves the cache at once, before the destroying transaction commits: forgetting
 * early costs at most a query should it roll back. The other nodes hear of it through the {@link
 * KeyDestructionFanout} only after the commit, as a key whose destruction rolled back is still live and would have
 * been dropped from their caches for nothing; then each forgets it as promptly as the message arrives. A node that
 * misses the message (Redis down, its subscription reconnecting) still forgets the key within {@code
 * voxify.privacy.key-cache-ttl} (a minute by default): that stays the bound on how long a deletion takes to reach
 * every node's replays. A transaction already running on another node that has the key in its own memory keeps
 * using it until it ends, as one on this node does.
 */
public class CachedPersonalKeys implements PersonalKeys, KeyDestructionFanout.Receiver {
    private final PersonalKeys store;
    private final KeyDestructionFanout fanout;
    private final Cache<String, SecretKey> live;
    /**
     * Keys destroyed lately, here or elsewhere: a transaction that read one before may not put it back when it
     * commits.
     */
    private final Cache<String, Boolean> destroyed;

    /** One node: no other node to tell of destroyed keys. */
    public CachedPersonalKeys(PersonalKeys store, long maximumKeys, Duration ttl) {
        this(store, maximumKeys, ttl, KeyDestructionFanout.NONE);
    }

    public CachedPersonalKeys(PersonalKeys store, long maximumKeys, Duration ttl, KeyDestructionFanout fanout) {
        this.store = store;
        this.fanout = fanout;
        this.live = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfterWrite(ttl)
                .build();
        this.destroyed = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfterWrite(ttl)
                .build();
    }

    @Override
    public Optional<SecretKey> obtain(String keyId, String ownerId) {
        SecretKey cached = lookUp(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> key = store.obtain(keyId, ownerId);
        key.ifPresent(k -> remember(keyId, k));
        return key;
    }

    @Override
    public Optional<SecretKey> find(String keyId) {
        SecretKey cached = lookUp(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> key = store.find(keyId);
        key.ifPresent(k -> remember(keyId, k));
        return key;
    }

    @Override
    public boolean destroy(String keyId) {
        boolean destroyed = store.destroy(keyId);
        forget(List.of(keyId));
        if (destroyed) {
            announceOnCommit(List.of(keyId));
        }
        return destroyed;
    }

    @Override
    public List<String> destroyOwnedBy(String ownerId) {
        List<String> destroyed = store.destroyOwnedBy(ownerId);
        forget(destroyed);
        announceOnCommit(destroyed);
        return destroyed;
    }

    /** Another node destroyed these keys (and its transaction committed): forgets them here too. */
    @Override
    public void destroyedElsewhere(List<String> keyIds) {
        keyIds.forEach(id -> destroyed.put(id, Boolean.TRUE));
        live.invalidateAll(keyIds);
    }

    @Override
    public List<String> liveKeysOf(String ownerId) {
        return store.liveKeysOf(ownerId);
    }

    /**
     * The key from the shared cache, or from this transaction's own memory: a key this transaction made or read
     * serves its later events at once (a registration seals five values, a job three), without a query each.
     */
    private SecretKey lookUp(String keyId) {
        SecretKey cached = live.getIfPresent(keyId);
        if (cached == null && TransactionSynchronizationManager.isSynchronizationActive()) {
            Map<String, SecretKey> mine = transactionKeys(false);
            cached = mine == null ? null : mine.get(keyId);
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    private Map<String, SecretKey> transactionKeys(boolean create) {
        Map<String, SecretKey> mine = (Map<String, SecretKey>) TransactionSynchronizationManager.getResource(this);
        if (mine == null && create) {
            Map<String, SecretKey> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CachedPersonalKeys.this);
                }
            });
            mine = fresh;
        }
        return mine;
    }

    private void remember(String keyId, SecretKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            transactionKeys(true).put(keyId, key);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keep(keyId, key);
                }
            });
        } else {
            keep(keyId, key);
        }
    }

    private void keep(String keyId, SecretKey key) {
        if (destroyed.getIfPresent(keyId) == null) {
            live.put(keyId, key);
        }
    }

    /**
     * Tells the other nodes once the destruction is for good: after the commit of the transaction it ran in, or at
     * once when there is none (each statement committed on its own).
     */
    private void announceOnCommit(List<String> keyIds) {
        if (keyIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(keyIds);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fanout.announce(ids);
                }
            });
        } else {
            fanout.announce(ids);
        }
    }

    private void forget(List<String> keyIds) {
        keyIds.forEach(id -> destroyed.put(id, Boolean.TRUE));
        live.invalidateAll(keyIds);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Map<String, SecretKey> mine = transactionKeys(false);
            if (mine != null) {
                keyIds.forEach(mine::remove);
            }
        }
    }
}
