package io.voxify.gateway.library;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxify.inference.search.TextEmbedder;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Ranks voices by how well their name, description and tags match a free-text description,
 * with the all-MiniLM-L6-v2 sentence embedder on ONNX Runtime. The model loads on first use.
 * Voice texts are embedded once and cached by their text; clones' names and descriptions are
 * users' text, so the cache is bounded in entries and estimated bytes (each entry weighs at least
 * {@code maxBytes / maxEntries}) and forgets texts not asked for within the expiry (a deleted or
 * renamed clone's old text).
 */
@Component
@EnableConfigurationProperties(SemanticSearch.Properties.class)
public class SemanticSearch {
    /** Bytes an entry costs beyond its vector and text: Caffeine's node, the array's and string's headers. */
    static final int ENTRY_OVERHEAD_BYTES = 128;

    private final Cache<String, float[]> cache;
    private volatile TextEmbedder embedder;

    /**
     * {@code voxify.library}, the search's part: the cache of query embeddings, bounded in entries and bytes.
     *
     * @param searchCacheExpiry how long an unused query's embedding is kept
     */
    @ConfigurationProperties("voxify.library")
    public record Properties(
            @DefaultValue("20000") long searchCacheMaxEntries,
            @DefaultValue("48MB") DataSize searchCacheMaxBytes,
            @DefaultValue("PT6H") Duration searchCacheExpiry) {}

    @Autowired
    public SemanticSearch(Properties properties) {
        this(properties.searchCacheMaxEntries(), properties.searchCacheMaxBytes(), properties.searchCacheExpiry());
    }

    SemanticSearch(long maxEntries, DataSize maxBytes, Duration expiry) {
        long bytes = maxBytes.toBytes();
        if (maxEntries < 1 || bytes < maxEntries) {
            throw new IllegalArgumentException("need at least one entry and one byte per entry");
        }
        long minimumWeight = bytes / maxEntries;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(bytes)
                .weigher((String text, float[] vector) -> (int) Math.min(
                        Integer.MAX_VALUE,
                        Math.max(minimumWeight, ENTRY_OVERHEAD_BYTES + 4L * vector.length + 2L * text.length())))
                .expireAfterAccess(expiry)
                .executor(Runnable::run)
                .build();
    }

    public double similarity(float[] query, String voiceText) {
        return TextEmbedder.similarity(query, embed(voiceText));
    }

    public float[] embedQuery(String query) {
        return embedder().embed(query);
    }

    /** Embedded outside the cache's lock (another text hashed near it need not wait for the model). */
    private float[] embed(String text) {
        float[] cached = cache.getIfPresent(text);
        if (cached != null) {
            return cached;
        }
        float[] vector = embedder().embed(text);
        cache.put(text, vector);
        return vector;
    }

    /** Texts whose vectors are held now. */
    long cachedEntries() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Their estimated bytes. */
    long cachedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    private TextEmbedder embedder() {
        TextEmbedder e = embedder;
        if (e == null) {
            synchronized (this) {
                if (embedder == null) {
                    embedder = new TextEmbedder();
                }
                e = embedder;
            }
        }
        return e;
    }

    @PreDestroy
    void close() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
