package io.voxify.gateway.library;

import io.voxify.inference.search.TextEmbedder;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Ranks voices by how well their name, description and tags match a free-text description,
 * with the all-MiniLM-L6-v2 sentence embedder on ONNX Runtime. The model loads on first use;
 * voice texts are embedded once and cached by their text.
 */
@Component
public class SemanticSearch {
    private static final int MAX_CACHED = 50_000;

    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private volatile TextEmbedder embedder;

    public double similarity(float[] query, String voiceText) {
        return TextEmbedder.similarity(query, embed(voiceText));
    }

    public float[] embedQuery(String query) {
        return embedder().embed(query);
    }

    private float[] embed(String text) {
        float[] cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        float[] vector = embedder().embed(text);
        if (cache.size() < MAX_CACHED) {
            cache.put(text, vector);
        }
        return vector;
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
