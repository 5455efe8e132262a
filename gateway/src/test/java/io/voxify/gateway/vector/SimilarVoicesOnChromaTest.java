package io.voxify.gateway.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.infrastructure.vector.chroma.ChromaTestServer;
import io.voxify.infrastructure.vector.chroma.ChromaVectorIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The application with its vector index on a real Chroma server: a processed sample's speaker
 * embedding is in Chroma, and similar voices are ranked by their cosine to it. The last test
 * stops that server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimilarVoicesOnChromaTest {
    private static final Duration SLOW = Duration.ofMinutes(3);
    private static final String DATABASE = "/tenants/default_tenant/databases/default_database";
    private static ChromaTestServer chroma;
    private static RunningApp app;

    @BeforeAll
    static void theApplicationOnChroma() {
        chroma = ChromaTestServer.start();
        app = RunningApp.start(
                RunningApp.tempDir("voxify-chroma-"),
                Map.of("voxify.vectors.type", "chroma", "voxify.vectors.chroma.url", chroma.url()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (chroma != null) {
            chroma.close();
        }
    }

    @Test
    @Order(1)
    void aProcessedSampleIsInChromaAndSimilarVoicesAreRankedByTheirCosineToIt() {
        assertThat(app.bean(VectorIndex.class)).isInstanceOf(ChromaVectorIndex.class);
        ApiClient user = app.client().newUser();
        String sampleId = processedSample(user);

        JsonNode stored = chromaRecord(sampleId).orElseThrow(() -> new AssertionError("no " + sampleId + " in Chroma"));
        assertThat(stored.path("metadata").path("kind").asText()).isEqualTo("sample");
        assertThat(stored.path("metadata").path("owner").asText()).isEqualTo(user.userId());
        float[] own = vector(stored.get("embedding"));

        ApiClient.Response similar = user.get("/api/v1/voice/samples/" + sampleId + "/similar?limit=5");
        assertThat(similar.status()).as(similar.text()).isEqualTo(200);
        JsonNode items = similar.data();
        Map<String, Double> presetCosines = presetCosinesTo(
                own,
                stored.get("collection").asText(),
                stored.path("metadata").path("model").asText());
        List<String> expected = presetCosines.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(5)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(expected).hasSize(5);
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        assertThat(ids)
                .as("the user has no other sample or clone: the 5 nearest presets")
                .isEqualTo(expected);
        for (JsonNode item : items) {
            assertThat(item.get("type").asText()).isEqualTo("preset");
            assertThat(item.get("similarity").asDouble())
                    .as(item.toString())
                    .isCloseTo(presetCosines.get(item.get("id").asText()), within(1e-4));
        }

        assertThat(user.delete("/api/v1/voice/samples/" + sampleId).status()).isEqualTo(200);
        long end = System.nanoTime() + SLOW.toNanos();
        while (chromaRecord(sampleId).isPresent() && System.nanoTime() < end) {
            ApiClient.sleep(200);
        }
        assertThat(chromaRecord(sampleId))
                .as("a deleted sample's embedding leaves Chroma")
                .isEmpty();
    }

    @Test
    @Order(2)
    void whileChromaIsDownSimilarVoicesAnswer503() {
        ApiClient user = app.client().newUser();
        String sampleId = processedSample(user);
        chroma.close();

        ApiClient.Response r = user.get("/api/v1/voice/samples/" + sampleId + "/similar");
        assertThat(r.status()).as(r.text()).isEqualTo(503);
        assertThat(r.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }

    private static String processedSample(ApiClient user) {
        byte[] recording = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav");
        String sampleId = user.multipart("/api/v1/voice/samples", Map.of("name", "Reading"), "r.wav", recording)
                .data()
                .get("id")
                .asText();
        JsonNode sample = await(
                user,
                "/api/v1/voice/samples/" + sampleId,
                s -> !List.of("uploaded", "processing").contains(s.get("status").asText()));
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        return sampleId;
    }

    /** The record as Chroma itself holds it, in whichever of the index's collections: embedding, metadata, collection. */
    private static Optional<JsonNode> chromaRecord(String id) {
        for (JsonNode collection : chroma.api("GET", DATABASE + "/collections", null)) {
            if (!collection.get("name").asText().startsWith("voxify_speakers_")) {
                continue;
            }
            JsonNode found = chroma.api(
                    "POST",
                    records(collection.get("id").asText(), "get"),
                    Map.of("ids", List.of(id), "include", List.of("embeddings", "metadatas")));
            if (!found.get("ids").isEmpty()) {
                ObjectNode record = ApiClient.JSON.createObjectNode();
                record.set("embedding", found.get("embeddings").get(0));
                record.set("metadata", found.get("metadatas").get(0));
                record.put("collection", collection.get("id").asText());
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    /** Every preset Chroma holds for that model (public: owner ""), with its cosine to {@code own}. */
    private static Map<String, Double> presetCosinesTo(float[] own, String collection, String model) {
        JsonNode presets = chroma.api(
                "POST",
                records(collection, "get"),
                Map.of(
                        "where",
                                Map.of(
                                        "$and",
                                        List.of(Map.of("kind", "preset"), Map.of("owner", ""), Map.of("model", model))),
                        "include", List.of("embeddings")));
        Map<String, Double> cosines = new HashMap<>();
        for (int i = 0; i < presets.get("ids").size(); i++) {
            cosines.put(
                    presets.get("ids").get(i).asText(),
                    cosine(own, vector(presets.get("embeddings").get(i))));
        }
        return cosines;
    }

    private static String records(String collectionId, String operation) {
        return DATABASE + "/collections/" + collectionId + "/" + operation;
    }

    private static JsonNode await(ApiClient user, String path, Predicate<JsonNode> done) {
        return user.await(path, done, SLOW);
    }

    private static float[] vector(JsonNode values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.get(i).doubleValue();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
