package io.voxify.infrastructure.vector;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Speaker embeddings of samples, clones and presets. The embedded adapter keeps them in the
 * relational store and searches by brute-force cosine; a Chroma adapter serves larger sets.
 */
public interface VectorIndex {

    /** Most similar first; equal similarities in id order, so every adapter ranks alike. */
    Comparator<VectorMatch> BEST_FIRST = Comparator.comparingDouble(VectorMatch::similarity)
            .reversed()
            .thenComparing(m -> m.entry().id());

    void upsert(VectorEntry entry);

    Optional<VectorEntry> get(String id);

    void delete(String id);

    /**
     * The {@code limit} entries nearest to {@code query} among those of the given kinds that are
     * either public (no owner) or owned by {@code ownerId}; {@code excludeId} is left out. The
     * similarity is the cosine of the angle between the vectors, best first ({@link #BEST_FIRST}).
     */
    List<VectorMatch> nearest(
            float[] query, String model, Set<String> kinds, String ownerId, String excludeId, int limit);

    record VectorEntry(String id, String kind, String ownerId, String model, float[] vector) {}

    record VectorMatch(VectorEntry entry, double similarity) {}
}
