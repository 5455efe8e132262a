package io.voxify.infrastructure.vector.chroma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.common.ErrorCode;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.infrastructure.vector.VectorIndex.VectorEntry;
import io.voxify.infrastructure.vector.VectorIndexContract;
import io.voxify.infrastructure.vector.VectorIndexUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Chroma adapter against a real Chroma server, in a database of its own. */
class ChromaVectorIndexTest extends VectorIndexContract {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ChromaTestServer chroma;
    private static String database;
    private static VectorIndex index;

    @BeforeAll
    static void aDatabaseOfItsOwn() {
        chroma = ChromaTestServer.shared();
        database = "contract_" + UUID.randomUUID().toString().substring(0, 8);
        index = new ChromaVectorIndex(URI.create(chroma.url()), "default_tenant", database, "voxify_speakers", TIMEOUT);
    }

    @Override
    protected VectorIndex index() {
        return index;
    }

    private String collections() {
        return "/tenants/default_tenant/databases/" + database + "/collections";
    }

    /** One collection per size, cosine distance; a public entry's owner is stored as "". */
    @Test
    void entriesAreStoredInCosineCollectionsPerSizeWithTheirMetadata() {
        VectorEntry preset = stored("stored-public", "preset", null, 1, 2, 3);
        VectorEntry mine = stored("stored-mine", "sample", ME, 3, 2, 1);

        JsonNode collection = chroma.api("GET", collections() + "/voxify_speakers_3d", null);
        assertThat(collection
                        .path("configuration_json")
                        .path("hnsw")
                        .path("space")
                        .asText())
                .isEqualTo("cosine");
        JsonNode records = chroma.api(
                "POST",
                collections() + "/" + collection.get("id").asText() + "/get",
                Map.of("ids", List.of(preset.id(), mine.id()), "include", List.of("metadatas", "embeddings")));
        for (int i = 0; i < 2; i++) {
            JsonNode meta = records.get("metadatas").get(i);
            boolean isPreset = records.get("ids").get(i).asText().equals(preset.id());
            assertThat(meta.get("owner").asText()).isEqualTo(isPreset ? "" : ME);
            assertThat(meta.get("kind").asText()).isEqualTo(isPreset ? "preset" : "sample");
            assertThat(meta.get("model").asText()).isEqualTo(model);
        }
    }

    @Test
    void aCollectionMeasuringAnotherDistanceStopsTheStart() {
        String otherDatabase = "l2_" + UUID.randomUUID().toString().substring(0, 8);
        chroma.api("POST", "/tenants/default_tenant/databases", Map.of("name", otherDatabase));
        chroma.api(
                "POST",
                "/tenants/default_tenant/databases/" + otherDatabase + "/collections",
                Map.of("name", "voxify_speakers_3d", "configuration", Map.of("hnsw", Map.of("space", "l2"))));

        assertThatThrownBy(() -> new ChromaVectorIndex(
                        URI.create(chroma.url()), "default_tenant", otherDatabase, "voxify_speakers", TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("voxify_speakers_3d")
                .hasMessageContaining("l2");
    }

    @Test
    void aTenantAndDatabaseThatDoNotExistYetAreCreated() {
        String tenant = "tenant_" + UUID.randomUUID().toString().substring(0, 8);
        VectorIndex fresh =
                new ChromaVectorIndex(URI.create(chroma.url()), tenant, "voices", "voxify_speakers", TIMEOUT);
        fresh.upsert(new VectorEntry("vs_1", "sample", ME, model, new float[] {1, 0}));

        assertThat(chroma.api("GET", "/tenants/" + tenant + "/databases/voices", null)
                        .get("name")
                        .asText())
                .isEqualTo("voices");
        assertThat(fresh.get("vs_1")).isPresent();
    }

    @Test
    void aChromaThatStoppedAnsweringMakesTheIndexUnavailable() {
        VectorIndex orphan;
        try (ChromaTestServer ephemeral = ChromaTestServer.start()) {
            orphan = new ChromaVectorIndex(
                    URI.create(ephemeral.url()), "default_tenant", "default_database", "voxify_speakers", TIMEOUT);
            orphan.upsert(new VectorEntry("vs_1", "sample", ME, model, new float[] {1, 0}));
        }

        assertThatThrownBy(() -> orphan.nearest(new float[] {1, 0}, model, Set.of("sample"), ME, null, 5))
                .isInstanceOf(VectorIndexUnavailableException.class)
                .satisfies(e -> assertThat(((VectorIndexUnavailableException) e).code())
                        .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> orphan.get("vs_1")).isInstanceOf(VectorIndexUnavailableException.class);
        assertThatThrownBy(() -> orphan.upsert(new VectorEntry("vs_2", "sample", ME, model, new float[] {0, 1})))
                .isInstanceOf(VectorIndexUnavailableException.class);
    }
}
