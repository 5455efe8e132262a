package io.voxify.gateway.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.infrastructure.vector.VectorIndex.VectorEntry;
import io.voxify.infrastructure.vector.VectorIndex.VectorMatch;
import io.voxify.infrastructure.vector.chroma.ChromaTestServer;
import io.voxify.infrastructure.vector.chroma.ChromaVectorIndex;
import io.voxify.infrastructure.vector.relational.RelationalVectorIndex;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Both adapters, given the same few hundred entries, answer every search alike. */
class VectorIndexAdaptersAgreeTest {
    private static final List<String> KINDS = List.of("sample", "clone", "preset");
    private static final List<String> OWNERS = Arrays.asList(null, "user_1", "user_2", "user_3");

    @Test
    void bothAdaptersGiveTheSameAnswersOnTheSameData() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        VectorIndex relational = RunningApp.shared().bean(VectorIndex.class);
        assertThat(relational).isInstanceOf(RelationalVectorIndex.class);
        VectorIndex chroma = new ChromaVectorIndex(
                URI.create(ChromaTestServer.shared().url()),
                "default_tenant",
                "agree_" + run,
                "voxify_speakers",
                Duration.ofSeconds(10));
        List<String> models = List.of("agree-a-" + run, "agree-b-" + run);
        Random random = new Random(20240611);

        List<VectorEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            VectorEntry entry = new VectorEntry(
                    "agree-" + run + "-" + i,
                    pick(random, KINDS),
                    pick(random, OWNERS),
                    pick(random, models),
                    vector(random));
            entries.add(entry);
            relational.upsert(entry);
            chroma.upsert(entry);
        }

        for (int q = 0; q < 40; q++) {
            float[] query = vector(random);
            String model = pick(random, models);
            Set<String> kinds = new HashSet<>(KINDS.subList(0, 1 + random.nextInt(KINDS.size())));
            String owner = random.nextInt(5) == 0 ? "user_nobody" : pick(random, OWNERS);
            String excluded = random.nextBoolean() ? pick(random, entries).id() : null;
            int limit = 1 + random.nextInt(25);

            List<VectorMatch> expected = relational.nearest(query, model, kinds, owner, excluded, limit);
            List<VectorMatch> actual = chroma.nearest(query, model, kinds, owner, excluded, limit);

            String search = "search " + q + " (" + kinds + ", owner " + owner + ", limit " + limit + ")";
            assertThat(expected).as(search).isNotEmpty();
            assertThat(actual.stream().map(m -> m.entry().id()).toList())
                    .as(search)
                    .isEqualTo(expected.stream().map(m -> m.entry().id()).toList());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).similarity())
                        .as(search)
                        .isCloseTo(expected.get(i).similarity(), within(1e-6));
            }
        }
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static float[] vector(Random random) {
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
