package io.voxify.infrastructure.vector.relational;

import io.voxify.infrastructure.vector.VectorIndex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Vectors persisted in the relational store and mirrored in memory, where queries scan them
 * all: at a few thousand 64–256-dimension vectors a scan takes well under a millisecond.
 */
public class RelationalVectorIndex implements VectorIndex {
    private final VectorRepository repository;
    private final Map<String, VectorEntry> cache = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public RelationalVectorIndex(VectorRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional
    public void upsert(VectorEntry entry) {
        VectorEntity row = new VectorEntity();
        row.id = entry.id();
        row.kind = entry.kind();
        row.ownerId = entry.ownerId();
        row.model = entry.model();
        row.dims = entry.vector().length;
        row.vector = toBytes(entry.vector());
        repository.save(row);
        ensureLoaded();
        afterCommit(() -> cache.put(entry.id(), entry));
    }

    @Override
    public Optional<VectorEntry> get(String id) {
        ensureLoaded();
        return Optional.ofNullable(cache.get(id));
    }

    @Override
    @Transactional
    public void delete(String id) {
        if (repository.existsById(id)) {
            repository.deleteById(id);
        }
        afterCommit(() -> cache.remove(id));
    }

    /** The in-memory copy follows the table only once the change is committed (a rollback leaves both as they were). */
    private static void afterCommit(Runnable change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    change.run();
                }
            });
        } else {
            change.run();
        }
    }

    @Override
    public List<VectorMatch> nearest(
            float[] query, String model, Set<String> kinds, String ownerId, String excludeId, int limit) {
        ensureLoaded();
        return cache.values().stream()
                .filter(e -> e.model().equals(model) && kinds.contains(e.kind()) && !e.id().equals(excludeId))
                .filter(e -> e.ownerId() == null || e.ownerId().equals(ownerId))
                .filter(e -> e.vector().length == query.length)
                .map(e -> new VectorMatch(e, cosine(query, e.vector())))
                .sorted(BEST_FIRST)
                .limit(limit)
                .toList();
    }

    private void ensureLoaded() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    repository
                            .findAll()
                            .forEach(row -> cache.put(
                                    row.id,
                                    new VectorEntry(row.id, row.kind, row.ownerId, row.model, fromBytes(row.vector))));
                    loaded = true;
                }
            }
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getFloat();
        }
        return out;
    }
}
