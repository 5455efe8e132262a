package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RabbitBroker;
import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store as it sits on disk, read raw (the columns, not through Axon): after a person's first requests
 * (registration, profile, sign-in, a job with a callback, a sample) none of their personal values is there in
 * clear, on the embedded profile's SQLite and on PostgreSQL; through the API they read as they were written. The
 * same holds for the saga store and the deadlines, read while the job's webhook is between two tries (its
 * receiver does not resolve), so the webhook saga and its retry deadline are stored.
 */
class PersonalDataAtRestTest {

    /** What one person did, with values unique to this run so a match in the store can only be theirs. */
    static final class Person {
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final String email = "rest-" + tag + "@example.com";
        final String firstName = "Zebulon" + tag;
        final String lastName = "Quartermaine" + tag;
        final String newLastName = "Featherstonehaugh" + tag;
        final String text = "Please call Doctor Okonkwo " + tag + " about the results.";
        final String callback = "https://hooks-" + tag + ".example.invalid/voxify";
        final String sampleName = "Kitchen recording " + tag;
        final String sampleFile = "grandmother-" + tag + ".wav";
        final String transcript = "Hello, this is grandmother " + tag;

        List<String> values() {
            return List.of(email, firstName, lastName, newLastName, text, callback, sampleName, sampleFile, transcript);
        }

        ApiClient actIn(RunningApp app) {
            ApiClient anonymous = app.client();
            ApiClient.Response registered = anonymous.post(
                    "/api/v1/auth/register",
                    Map.of(
                            "email", email,
                            "password", ApiClient.PASSWORD,
                            "first_name", firstName,
                            "last_name", lastName));
            assertThat(registered.status()).as(registered.text()).isEqualTo(201);
            ApiClient me = anonymous.login(email, ApiClient.PASSWORD);
            ApiClient.Response renamed = me.patch("/api/v1/auth/profile", Map.of("last_name", newLastName));
            assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
            JsonNode job = me.createJob(Map.of("text_content", text, "callback_url", callback));
            me.awaitJob(
                    job.get("id").asText(),
                    j -> j.get("status").asText().equals("completed")
                            && j.path("webhook").path("attempts").asInt() >= 1
                            && j.path("webhook").path("next_attempt_at").isTextual(),
                    Duration.ofSeconds(90));
            ApiClient.Response sample = me.multipart(
                    "/api/v1/voice/samples",
                    Map.of("name", sampleName, "transcript", transcript),
                    sampleFile,
                    io.voxify.gateway.voice.SampleUploadTest.humanRecording(
                            "sense_and_sensibility_01_austen_64kb-0880.wav"));
            assertThat(sample.status()).as(sample.text()).isEqualTo(201);
            return me;
        }

        void readsBackPlainThrough(ApiClient me) {
            JsonNode profile = me.get("/api/v1/auth/profile").data();
            assertThat(profile.get("email").asText()).isEqualTo(email);
            assertThat(profile.get("last_name").asText()).isEqualTo(newLastName);
            JsonNode jobs = me.get("/api/v1/job").data();
            assertThat(jobs.toString()).contains(callback);
        }
    }

    /** Each of the values found in clear in the event store, the saga store or the deadlines, and where. */
    static List<String> foundInClear(DataSource dataSource, List<String> values) {
        List<String> found = new ArrayList<>();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.query("SELECT payload_type, payload, meta_data FROM domain_event_entry", rs -> {
            String stored = text(rs.getBytes("payload")) + " " + text(rs.getBytes("meta_data"));
            look(stored, values, rs.getString("payload_type"), found);
        });
        int sagas = jdbc.query("SELECT saga_type, serialized_saga FROM saga_entry", rs -> {
            int n = 0;
            while (rs.next()) {
                look(text(rs.getBytes("serialized_saga")), values, rs.getString("saga_type"), found);
                n++;
            }
            return n;
        });
        int deadlines = jdbc.query("SELECT task_name, task_data FROM scheduled_tasks", rs -> {
            int n = 0;
            while (rs.next()) {
                look(text(rs.getBytes("task_data")), values, "deadline " + rs.getString("task_name"), found);
                n++;
            }
            return n;
        });
        assertThat(sagas).as("sagas stored (the webhook's at least)").isPositive();
        assertThat(deadlines)
                .as("deadlines stored (the webhook's retry at least)")
                .isPositive();
        return found;
    }

    private static String text(byte[] stored) {
        return stored == null ? "" : new String(stored, StandardCharsets.UTF_8);
    }

    private static void look(String stored, List<String> values, String where, List<String> found) {
        for (String value : values) {
            if (stored.contains(value)) {
                found.add(where + " holds " + value);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnTheEmbeddedProfile {
        private final RunningApp app = RunningApp.shared();

        @Test
        void noPersonalValueIsStoredInClear() {
            Person person = new Person();
            ApiClient me = person.actIn(app);
            person.readsBackPlainThrough(me);
            List<String> values = new ArrayList<>(person.values());
            assertThat(foundInClear(app.bean(DataSource.class), values)).isEmpty();
            assertThat(foundInClear(app.bean(DataSource.class), List.of("\"clientAddress\":\"127.0.0.1\"")))
                    .as("every client address is sealed")
                    .isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres {
        private PostgresDatabase database;
        private RunningApp app;

        @BeforeAll
        void start() {
            database = new PostgresDatabase();
            app = RunningApp.start(
                    RunningApp.tempDir("voxify-rest-pg-"),
                    Map.ofEntries(
                            Map.entry("spring.profiles.active", "infra"),
                            Map.entry("voxify.storage.type", "local"),
                            Map.entry("voxify.vectors.type", "relational"),
                            Map.entry("spring.datasource.url", database.url()),
                            Map.entry("spring.datasource.username", PostgresDatabase.USER),
                            Map.entry("spring.datasource.password", ""),
                            Map.entry("voxify.rate-limits.redis-prefix", "voxify-it:" + database.name() + ":rl:"),
                            Map.entry("voxify.refresh-tokens.redis-prefix", "voxify-it:" + database.name() + ":rt:"),
                            Map.entry("voxify.view-updates.channel", "voxify-it:" + database.name() + ":views"),
                            Map.entry(
                                    "voxify.privacy.key-fanout-channel",
                                    "voxify-it:" + database.name() + ":destroyed-keys"),
                            Map.entry("voxify.rabbitmq.prefix", "voxify-it-" + database.name())));
        }

        @AfterAll
        void stop() {
            if (app != null) {
                RabbitBroker.deleteLayout(app);
                app.close();
            }
            if (database != null) {
                database.close();
            }
        }

        @Test
        void noPersonalValueIsStoredInClear() {
            Person person = new Person();
            ApiClient me = person.actIn(app);
            person.readsBackPlainThrough(me);
            assertThat(foundInClear(app.bean(DataSource.class), person.values()))
                    .isEmpty();
            assertThat(foundInClear(app.bean(DataSource.class), List.of("\"clientAddress\":\"127.0.0.1\"")))
                    .isEmpty();
        }
    }
}
