package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RabbitBroker;
import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes of one installation (PostgreSQL, Redis, RabbitMQ): whichever node runs the jobs
 * projection, an SSE client on either node sees every progress step, and a job created on one
 * node is answered at once (its view reaches the node through the Redis fan-out). An account
 * deleted on one node reads as erased on the other without waiting out its key cache (the
 * destroyed keys are announced through Redis too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewFanoutTest {
    private static final String TEXT = "The first sentence starts the job. The second one follows it closely. "
            + "A third sentence keeps the worker busy. The fourth is nearly the last. The fifth ends it all.";
    /** How soon a key destroyed on one node must stop opening on the other. */
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private PostgresDatabase database;
    private RunningApp nodeA;
    private RunningApp nodeB;

    @BeforeAll
    void start() {
        database = new PostgresDatabase();
        String secret = Base64.getEncoder().encodeToString(new byte[48]).replace('A', 'v');
        Map<String, Object> shared = Map.ofEntries(
                Map.entry("spring.profiles.active", "infra"),
                Map.entry("voxify.storage.type", "local"),
                Map.entry("voxify.vectors.type", "relational"),
                Map.entry("voxify.security.jwt-secret", secret),
                Map.entry("voxify.privacy.master-key", RunningApp.sharedMasterKey()),
                Map.entry("spring.datasource.url", database.url()),
                Map.entry("spring.datasource.username", PostgresDatabase.USER),
                Map.entry("spring.datasource.password", ""),
                Map.entry("voxify.rate-limits.redis-prefix", "voxify-it:" + database.name() + ":rl:"),
                Map.entry("voxify.refresh-tokens.redis-prefix", "voxify-it:" + database.name() + ":rt:"),
                Map.entry("voxify.view-updates.channel", "voxify-it:" + database.name() + ":views"),
                Map.entry("voxify.privacy.key-fanout-channel", "voxify-it:" + database.name() + ":destroyed-keys"),
                Map.entry("voxify.rabbitmq.prefix", "voxify-it-" + database.name()));
        nodeA = RunningApp.start(RunningApp.tempDir("voxify-node-a-"), shared);
        Map<String, Object> api = new HashMap<>(shared);
        api.put("voxify.role", "api");
        nodeB = RunningApp.start(RunningApp.tempDir("voxify-node-b-"), api);
    }

    @AfterAll
    void stop() {
        if (nodeA != null) {
            RabbitBroker.deleteLayout(nodeA);
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void sseClientsOnEitherNodeSeeEveryProgressStep() {
        ApiClient onA = nodeA.client().newUser();
        ApiClient onB = nodeB.client().withToken(onA.token());
        long started = System.nanoTime();
        ApiClient.Response created = onB.post("/api/v1/job", Map.of("text_content", TEXT));
        long createMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(createMillis)
                .as("the new view reached node B without waiting out the 10 s fallback")
                .isLessThan(8_000);
        String jobId = created.data().get("id").asText();

        CompletableFuture<ApiClient.SseCapture> streamA =
                CompletableFuture.supplyAsync(() -> onA.progress(jobId, Duration.ofSeconds(90)));
        CompletableFuture<ApiClient.SseCapture> streamB =
                CompletableFuture.supplyAsync(() -> onB.progress(jobId, Duration.ofSeconds(90)));
        ApiClient.SseCapture a = streamA.join();
        ApiClient.SseCapture b = streamB.join();
        assertThat(a.last().get("event").asText()).isEqualTo("complete");
        assertThat(b.last().get("event").asText()).isEqualTo("complete");

        List<Double> steps = new ArrayList<>();
        for (JsonNode e : onA.get("/api/v1/audit/jobs/" + jobId + "/events").data()) {
            if (e.get("type").asText().equals("JobProgressedEvent")) {
                steps.add(e.get("payload").get("progress").asDouble());
            }
        }
        assertThat(steps).as("the job reported progress").hasSizeGreaterThanOrEqualTo(3);
        for (ApiClient.SseCapture stream : List.of(a, b)) {
            List<Double> seen = new ArrayList<>();
            for (JsonNode e : stream.events()) {
                if (e.has("progress")) {
                    double p = e.get("progress").asDouble();
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != p) {
                        seen.add(p);
                    }
                }
            }
            // Every step after the stream's first state must arrive, in order.
            double first = seen.isEmpty() ? 100.0 : seen.get(0);
            List<Double> reported = steps.stream().filter(p -> p > first).toList();
            assertThat(reported).as("steps after the stream's first state").hasSizeGreaterThanOrEqualTo(3);
            assertThat(seen)
                    .as("every step after the stream began, on both nodes")
                    .containsSubsequence(reported);
        }
    }

    @Test
    void anAccountDeletedOnOneNodeReadsAsErasedOnTheOtherWithoutWaitingOutItsKeyCache() {
        ApiClient person = nodeA.client().newUser();
        String userId = person.userId();
        ApiClient adminOnB = nodeB.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        String registration = "/api/v1/audit/events?type=UserRegisteredEvent&user_id=" + userId;
        // Reading the registration opens it on node B, which keeps the person's key in its cache.
        assertThat(adminOnB.get(registration).data()).singleElement().satisfies(e -> {
            assertThat(e.get("erased").asBoolean()).isFalse();
            assertThat(e.get("payload").get("first_name").asText()).isEqualTo("Test");
        });

        ApiClient.Response deleted = person.delete("/api/v1/auth/account", Map.of("password", ApiClient.PASSWORD));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);

        // Well under voxify.privacy.key-cache-ttl (a minute): only the announcement makes node B forget the key.
        JsonNode erased = adminOnB.await(
                registration,
                events -> events.size() == 1 && events.get(0).get("erased").asBoolean(),
                WITHIN);
        assertThat(erased.get(0).get("payload").get("first_name").asText()).isEqualTo("[erased]");
    }
}
