package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.ScaleOutCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ratings on two API nodes, each a JVM of its own, sharing PostgreSQL (the event store and the read
 * models) and Redis (the library's page cache): one user's ratings sent to both nodes at the same time
 * race on the user's ratings aggregate, its very first event included, and are neither lost nor counted
 * twice; the rater's cached pages on one node are dropped by a rating made on the other.
 */
class RatingScaleOutTest {
    private static final String MODELS = "/api/v1/voice/models";
    private static ScaleOutCluster cluster;
    private static AppProcess api1;
    private static AppProcess api2;

    @BeforeAll
    static void twoApiNodes() {
        cluster = ScaleOutCluster.start(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        try {
            // The first node creates the schema and the administrator.
            api1 = cluster.start("api-1", ScaleOutCluster.API);
            api2 = cluster.start("api-2", ScaleOutCluster.API);
        } catch (RuntimeException | Error e) {
            System.out.println("Cluster start failed:" + cluster.logTails());
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String rating(String voice) {
        return MODELS + "/" + voice + "/rating";
    }

    private static long races() throws java.io.IOException {
        long count = 0;
        for (AppProcess node : List.of(api1, api2)) {
            try (var lines = java.nio.file.Files.lines(node.log())) {
                count += lines.filter(line -> line.contains("Ratings raced on another node"))
                        .count();
            }
        }
        return count;
    }

    private static List<ApiClient.Response> allAtOnce(List<Supplier<ApiClient.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<CompletableFuture<ApiClient.Response>> answers = new ArrayList<>();
            calls.forEach(call -> answers.add(CompletableFuture.supplyAsync(call, pool)));
            List<ApiClient.Response> out = new ArrayList<>();
            for (CompletableFuture<ApiClient.Response> answer : answers) {
                out.add(answer.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ratingsSentToBothNodesAtOnceAreEachCountedOnceAndTheRatersPagesFollowOnEveryNode() throws Exception {
        String voice = "preset_de_female_001";
        ApiClient onApi1 = null;
        ApiClient onApi2 = null;
        // Each round a new user, so the race to store the user's first rating is run too.
        for (int round = 0; round < 3; round++) {
            onApi1 = api1.client().newUser();
            onApi2 = api2.client().withToken(onApi1.token());
            List<Supplier<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ApiClient node = i % 2 == 0 ? onApi1 : onApi2;
                int value = i % 5 + 1;
                calls.add(() -> node.put(rating(voice), Map.of("rating", value)));
            }
            for (ApiClient.Response r : allAtOnce(calls)) {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
            }
            for (ApiClient node : List.of(onApi1, onApi2)) {
                JsonNode stats = node.get(MODELS + "/" + voice).data().get("statistics");
                assertThat(stats.get("rating_count").asLong())
                        .as("one rating per user: " + stats)
                        .isEqualTo(round + 1);
                assertThat(stats.get("my_rating").asInt()).isBetween(1, 5);
            }
        }
        System.out.println("Races between the nodes, retried: " + races());

        String crowdVoice = "preset_fr_female_001";
        List<ApiClient> crowd = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            crowd.add((i % 2 == 0 ? api1 : api2).client().newUser());
        }
        List<Supplier<ApiClient.Response>> crowdCalls = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i++) {
            ApiClient user = crowd.get(i);
            int value = i % 5 + 1;
            crowdCalls.add(() -> user.put(rating(crowdVoice), Map.of("rating", value)));
            crowdCalls.add(() -> user.put(rating(crowdVoice), Map.of("rating", value)));
        }
        for (ApiClient.Response r : allAtOnce(crowdCalls)) {
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
        JsonNode crowdStats = onApi2.get(MODELS + "/" + crowdVoice).data().get("statistics");
        assertThat(crowdStats.get("rating_count").asLong()).isEqualTo(8);
        assertThat(crowdStats.get("user_rating").asDouble())
                .as("(1+2+3+4+5+1+2+3) / 8 = 2.625")
                .isEqualTo(2.6);

        String page = MODELS + "?limit=100&language=de";
        assertThat(onApi2.get(page).header("X-Cache")).isEqualTo("MISS");
        assertThat(onApi2.get(page).header("X-Cache")).isEqualTo("HIT");
        String otherVoice = "preset_de_male_001";
        ApiClient.Response changed = onApi1.put(rating(otherVoice), Map.of("rating", 3));
        assertThat(changed.status()).isEqualTo(200);
        ApiClient.Response after = onApi2.get(page);
        assertThat(after.header("X-Cache")).as("dropped on the other node too").isEqualTo("MISS");
        JsonNode item = null;
        for (JsonNode v : after.data()) {
            if (v.get("voice_model_id").asText().equals(otherVoice)) {
                item = v;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("my_rating").asInt()).isEqualTo(3);
        assertThat(item.get("user_rating").asDouble()).isEqualTo(3.0);
        assertThat(item.get("rating_count").asLong()).isEqualTo(1);
    }
}
