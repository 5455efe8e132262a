package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.Person;
import io.voxify.gateway.support.RabbitBroker;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.support.StoredData;
import io.voxify.infrastructure.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The event store as it sits on disk, read raw (the columns, not through Axon): after a person's first requests
 * (registration, profile, sign-in, a job with a callback, a sample) none of their personal values is there in
 * clear, on the embedded profile's SQLite and on PostgreSQL; through the API they read as they were written. The
 * same holds for the saga store and the deadlines, read while the job's webhook is between two tries (its
 * receiver does not resolve), so the webhook saga and its retry deadline are stored.
 */
class PersonalDataAtRestTest {

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
            StoredData.assertSagasAndDeadlinesStored(app.bean(DataSource.class));
            assertThat(StoredData.inClear(app.bean(DataSource.class), values)).isEmpty();
            assertThat(StoredData.inClear(app.bean(DataSource.class), List.of("\"clientAddress\":\"127.0.0.1\"")))
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
            StoredData.assertSagasAndDeadlinesStored(app.bean(DataSource.class));
            assertThat(StoredData.inClear(app.bean(DataSource.class), person.values()))
                    .isEmpty();
            assertThat(StoredData.inClear(app.bean(DataSource.class), List.of("\"clientAddress\":\"127.0.0.1\"")))
                    .isEmpty();
        }
    }
}
