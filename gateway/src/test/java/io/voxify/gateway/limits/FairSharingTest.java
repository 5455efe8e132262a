package io.voxify.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RabbitBroker;
import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One user's flood never makes another user's work wait for more than the work already running: on the
 * embedded queue (a lane per user, served in turn) and on RabbitMQ (a share of the queue per user, the rest
 * waiting in the database). One worker thread and a share of one item per user make the order exact: the
 * flooder's first job runs, the other user's job runs next, then the flooder's second.
 */
class FairSharingTest {
    /** Long enough that the flood is still queued when the other user's job arrives. */
    private static final String LONG_TEXT =
            "A long sentence that keeps the only worker busy for a while, one job after another. ".repeat(15);

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void anotherUsersJobRunsNextOnTheEmbeddedQueue() {
        try (RunningApp app = RunningApp.start(
                RunningApp.tempDir("voxify-fair-"),
                Map.of(
                        "voxify.synthesis.worker-threads", 1,
                        "voxify.limits.max-work-in-flight-per-user", 1))) {
            floodThenOneJob(app);
        }
    }

    @Test
    void anotherUsersJobRunsNextOnRabbitmq() {
        try (PostgresDatabase database = new PostgresDatabase()) {
            Map<String, Object> props = new HashMap<>();
            props.put("spring.profiles.active", "infra");
            props.put("voxify.storage.type", "local");
            props.put("voxify.vectors.type", "relational");
            props.put("spring.datasource.url", database.url());
            props.put("spring.datasource.username", PostgresDatabase.USER);
            props.put("spring.datasource.password", "");
            props.put("voxify.rate-limits.redis-prefix", "voxify-it:" + database.name() + ":rl:");
            props.put("voxify.refresh-tokens.redis-prefix", "voxify-it:" + database.name() + ":rt:");
            props.put("voxify.rabbitmq.prefix", "voxify-it-" + database.name());
            props.put("voxify.synthesis.worker-threads", 1);
            props.put("voxify.limits.max-work-in-flight-per-user", 1);
            RunningApp app = RunningApp.start(RunningApp.tempDir("voxify-fair-rabbit-"), props);
            try {
                floodThenOneJob(app);
            } finally {
                RabbitBroker.deleteLayout(app);
                app.close();
            }
        }
    }

    private static void floodThenOneJob(RunningApp app) {
        ApiClient flooder = app.client().newUser();
        ApiClient other = app.client().newUser();
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            flood.add(flooder.createJob(Map.of("text_content", LONG_TEXT, "output_format", "wav"))
                    .get("id")
                    .asText());
        }
        flooder.awaitJob(flood.get(0), j -> !j.get("status").asText().equals("pending"), WAIT);
        String small = other.createJob(Map.of("text_content", "Six words from another user."))
                .get("id")
                .asText();

        JsonNode smallDone = other.awaitJob(small, j -> j.get("status").asText().equals("completed"), WAIT);
        List<JsonNode> floodDone = new ArrayList<>();
        for (String id : flood) {
            floodDone.add(flooder.awaitJob(id, j -> j.get("status").asText().equals("completed"), WAIT));
        }
        Instant smallStarted = Instant.parse(smallDone.get("started_at").asText());
        Instant secondFloodStarted =
                Instant.parse(floodDone.get(1).get("started_at").asText());
        Instant firstFloodCompleted =
                Instant.parse(floodDone.get(0).get("completed_at").asText());
        assertThat(smallStarted)
                .as("the other user's job runs before the flood's second job")
                .isBefore(secondFloodStarted);
        assertThat(firstFloodCompleted)
                .as("it waited only for the job already running")
                .isBeforeOrEqualTo(smallStarted);
    }
}
