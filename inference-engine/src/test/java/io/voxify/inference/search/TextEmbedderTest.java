package io.voxify.inference.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextEmbedderTest {

    private static final List<String> DESCRIPTIONS = List.of(
            "A soft and warm female voice suitable for storytelling and meditation",
            "Deep authoritative male voice for news reading",
            "Energetic young voice for commercials",
            "Calm Scottish English male voice");

    private static TextEmbedder embedder;
    private static List<float[]> descriptionVectors;

    @BeforeAll
    static void load() {
        long t0 = System.nanoTime();
        embedder = new TextEmbedder();
        descriptionVectors = embedder.embedAll(DESCRIPTIONS);
        System.out.printf(
                Locale.ROOT,
                "TextEmbedder: model %s loaded and first batch embedded in %.0f ms (ONNX Runtime %s)%n",
                embedder.modelId(),
                (System.nanoTime() - t0) / 1e6,
                ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void vectorsHave384DimensionsAndUnitNorm() {
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2-q");
        float[] v = embedder.embed("Calm Scottish English male voice");
        assertThat(v).hasSize(384);
        assertThat(norm(v)).isCloseTo(1.0, within(1e-4));
        for (float[] d : descriptionVectors) {
            assertThat(d).hasSize(384);
            assertThat(norm(d)).isCloseTo(1.0, within(1e-4));
        }
        // not a degenerate vector
        long nonZero = 0;
        for (float x : v) {
            if (Math.abs(x) > 1e-6) {
                nonZero++;
            }
        }
        assertThat(nonZero).isGreaterThan(300);
    }

    @Test
    void embeddingIsDeterministicAndMatchesBatch() {
        float[] a = embedder.embed(DESCRIPTIONS.get(1));
        float[] b = embedder.embed(DESCRIPTIONS.get(1));
        assertThat(a).containsExactly(b);
        assertThat(TextEmbedder.similarity(a, descriptionVectors.get(1))).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void similarityOfTextWithItselfIsOneAndDifferentTextsAreLess() {
        float[] a = embedder.embed("gentle voice for bedtime stories");
        assertThat(TextEmbedder.similarity(a, a)).isCloseTo(1.0, within(1e-5));
        float[] b = embedder.embed("The quarterly revenue figures were published on Tuesday.");
        assertThat(TextEmbedder.similarity(a, b)).isLessThan(0.5);
    }

    @ParameterizedTest(name = "\"{0}\" ranks description {1} highest")
    @CsvSource({"gentle voice for bedtime stories, 0", "voice for a news broadcast, 1", "upbeat advert, 2"})
    void queriesRankTheMatchingDescriptionHighest(String query, int expected) {
        float[] q = embedder.embed(query);
        double[] scores = new double[DESCRIPTIONS.size()];
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = TextEmbedder.similarity(q, descriptionVectors.get(i));
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        StringBuilder sb = new StringBuilder("TextEmbedder ranking for \"" + query + "\":");
        for (int i = 0; i < scores.length; i++) {
            sb.append(String.format(Locale.ROOT, "%n  %.4f  %s", scores[i], DESCRIPTIONS.get(i)));
        }
        System.out.println(sb);
        assertThat(best)
                .as("best match for \"%s\" (scores %s)", query, Arrays.toString(scores))
                .isEqualTo(expected);
    }

    @Test
    void concurrentCallsGiveTheSameVectors() throws Exception {
        float[] expected = embedder.embed(DESCRIPTIONS.get(2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<float[]>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> embedder.embed(DESCRIPTIONS.get(2)));
            }
            for (Future<float[]> f : pool.invokeAll(calls)) {
                assertThat(TextEmbedder.similarity(f.get(), expected)).isCloseTo(1.0, within(1e-5));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void embedAllKeepsOrderAndHandlesEmptyList() {
        assertThat(embedder.embedAll(List.of())).isEmpty();
        List<float[]> reversed = embedder.embedAll(List.of(DESCRIPTIONS.get(3), DESCRIPTIONS.get(0)));
        assertThat(TextEmbedder.similarity(reversed.get(0), descriptionVectors.get(3)))
                .isCloseTo(1.0, within(1e-4));
        assertThat(TextEmbedder.similarity(reversed.get(1), descriptionVectors.get(0)))
                .isCloseTo(1.0, within(1e-4));
    }

    @Test
    void djlCacheDirectoryIsConfiguredAndWritable() {
        String configured = firstNonEmpty(
                System.getenv("ENGINE_CACHE_DIR"),
                System.getProperty("ENGINE_CACHE_DIR"),
                System.getenv("DJL_CACHE_DIR"),
                System.getProperty("DJL_CACHE_DIR"));
        assertThat(configured)
                .as("DJL cache dir set by TextEmbedder or the environment")
                .isNotNull();
        Path dir = Paths.get(configured);
        assertThat(Files.isDirectory(dir) && Files.isWritable(dir))
                .as("%s is a writable directory", dir)
                .isTrue();
    }

    @Test
    void similarityIsCosine() {
        assertThat(TextEmbedder.similarity(new float[] {1, 0}, new float[] {0, 2}))
                .isCloseTo(0.0, within(1e-12));
        assertThat(TextEmbedder.similarity(new float[] {3, 4}, new float[] {6, 8}))
                .isCloseTo(1.0, within(1e-12));
        assertThat(TextEmbedder.similarity(new float[] {1, 1}, new float[] {-1, -1}))
                .isCloseTo(-1.0, within(1e-12));
        assertThat(TextEmbedder.similarity(new float[] {1, 0}, new float[] {1, 1}))
                .isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThatThrownBy(() -> TextEmbedder.similarity(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measuresTimePerEmbedding() {
        List<String> texts = List.of(
                "A soft and warm female voice suitable for storytelling and meditation",
                "Deep authoritative male voice for news reading",
                "Energetic young voice for commercials",
                "Calm Scottish English male voice",
                "gentle voice for bedtime stories",
                "voice for a news broadcast",
                "upbeat advert",
                "A bright, friendly narrator with a slight Irish accent for audiobooks");
        for (int i = 0; i < 3; i++) {
            for (String t : texts) {
                embedder.embed(t);
            }
        }
        int rounds = 10;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                embedder.embed(t);
            }
        }
        double single = (System.nanoTime() - t0) / 1e6 / (rounds * texts.size());
        long t1 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            embedder.embedAll(texts);
        }
        double batch = (System.nanoTime() - t1) / 1e6 / (rounds * texts.size());
        System.out.printf(
                Locale.ROOT,
                "TextEmbedder: %.2f ms per embedding (embed), %.2f ms per text (embedAll of %d)%n",
                single,
                batch,
                texts.size());
        assertThat(single).isPositive();
    }

    @Test
    void closedEmbedderRejectsCalls() {
        TextEmbedder other = new TextEmbedder();
        assertThat(other.embed("hello")).hasSize(384);
        other.close();
        other.close();
        assertThatThrownBy(() -> other.embed("hello")).isInstanceOf(IllegalStateException.class);
        // the shared instance is unaffected
        assertThat(embedder.embed("hello")).hasSize(384);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
