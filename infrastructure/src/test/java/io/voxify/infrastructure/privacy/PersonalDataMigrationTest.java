package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobUpdatedEvent;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The one-way step on a store written the way the platform wrote events before they were sealed (Axon's Jackson
 * serializer, every value plain, the event table of the embedded profile): afterwards no personal value is in
 * clear, every event reads exactly as before, a second run changes nothing, and a person's deletion erases what
 * was stored before the step too.
 */
class PersonalDataMigrationTest {
    private static final String ADDRESS = "198.51.100.23";

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private JdbcPersonalKeys keys;
    private PersonalDataCodec codec;
    private final JacksonSerializer todaysSerializer = JacksonSerializer.defaultSerializer();
    private final List<Object> written = new ArrayList<>();

    @BeforeEach
    void aStoreOfToday() {
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("voxify.db"), true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE domain_event_entry (global_index INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " event_identifier VARCHAR(255) NOT NULL UNIQUE, meta_data BLOB, payload BLOB NOT NULL,"
                + " payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,"
                + " aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),"
                + " UNIQUE (aggregate_identifier, sequence_number))");
        keys = new JdbcPersonalKeys(dataSource, KeyWrapping.newKey(), Clock.systemUTC());
        codec = new PersonalDataCodec(keys);

        store(
                "user_a",
                new UserRegisteredEvent("user_a", "ada@example.com", "$2a$10$hash", "Ada", "Byron", Role.USER),
                MetaData.with("clientAddress", ADDRESS));
        SynthesisSettings settings = new SynthesisSettings(1, 1, 1, "wav", 22050, "neutral", true, "word", Map.of());
        store(
                "job_1",
                new JobCreatedEvent(
                        "job_1",
                        "user_a",
                        "The engine weaves algebraic patterns",
                        "sha256:1",
                        "en",
                        "plain",
                        "preset_x",
                        settings,
                        "https://hooks.example.org/ada"),
                MetaData.with("userId", "user_a").and("clientAddress", ADDRESS));
        store(
                "job_1",
                new JobUpdatedEvent("job_1", "The engine weaves flowers", "sha256:2", "en", settings, null),
                MetaData.with("userId", "user_a"));
        store(
                "job_1",
                new JobCompletedEvent(
                        "job_1",
                        "user_a",
                        1,
                        null,
                        List.of(new TimedText("Babbage", "word", 0.1, 0.4, 4, 10)),
                        100,
                        50),
                MetaData.emptyInstance());
        store(
                "s1",
                new VoiceSampleUploadedEvent(
                        "s1",
                        "user_a",
                        "Ada reading",
                        null,
                        "en",
                        "Lovelace notes",
                        new SampleAudio("samples/s1.wav", "f00", "wav", 10, 2.0, 22050, 1, "ada-notes.wav")),
                MetaData.with("userId", "user_a"));
        store(
                "user_b",
                new UserRegisteredEvent("user_b", "bob@example.com", "$2a$10$hash", "Bob", null, Role.USER),
                MetaData.with("clientAddress", "192.0.2.9"));
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    private void store(String aggregate, Object payload, MetaData metadata) {
        SerializedObject<byte[]> data = todaysSerializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> meta = todaysSerializer.serialize(metadata, byte[].class);
        Integer sequence = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, aggregate);
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,"
                        + " time_stamp, aggregate_identifier, sequence_number, type) VALUES (?,?,?,?,?,?,?,?,?)",
                "event_" + written.size(),
                meta.getData(),
                data.getData(),
                data.getType().getRevision(),
                data.getType().getName(),
                Instant.EPOCH.toString(),
                aggregate,
                sequence,
                "Aggregate");
        written.add(payload);
    }

    private String rawStore() {
        StringBuilder all = new StringBuilder();
        jdbc.query("SELECT payload, meta_data FROM domain_event_entry", rs -> {
            all.append(new String(rs.getBytes("payload"), StandardCharsets.UTF_8))
                    .append(new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8));
        });
        return StoredText.outsideCiphertexts(all.toString());
    }

    private List<EventMessage<?>> readAll() {
        List<TrackedEventData<byte[]>> rows = jdbc.query(
                "SELECT * FROM domain_event_entry ORDER BY global_index",
                (rs, n) -> new TrackedDomainEventData<>(
                        new GlobalSequenceTrackingToken(rs.getLong("global_index")),
                        new GenericDomainEventEntry<>(
                                rs.getString("type"),
                                rs.getString("aggregate_identifier"),
                                rs.getLong("sequence_number"),
                                rs.getString("event_identifier"),
                                rs.getString("time_stamp"),
                                rs.getString("payload_type"),
                                rs.getString("payload_revision"),
                                rs.getBytes("payload"),
                                rs.getBytes("meta_data"))));
        PersonalDataSerializer serializer = new PersonalDataSerializer(JacksonSerializer.defaultSerializer(), codec);
        try (Stream<? extends EventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(
                rows.stream(), serializer, new EventUpcasterChain(new PersonalDataUpcaster(codec)))) {
            return new ArrayList<>(events.toList());
        }
    }

    @Test
    void afterTheStepNothingPersonalIsInClearAndEveryEventReadsAsBefore() {
        assertThat(rawStore()).contains("ada@example.com", "algebraic", ADDRESS, "ada-notes.wav");

        PersonalDataMigration.Report report = new PersonalDataMigration(dataSource, codec, keys).migrate();

        assertThat(report.eventsRead()).isEqualTo(6);
        assertThat(report.eventsSealed()).isEqualTo(6);
        assertThat(rawStore())
                .doesNotContain(
                        "ada@example.com",
                        "Ada",
                        "Byron",
                        "algebraic",
                        "flowers",
                        "hooks.example.org",
                        "Babbage",
                        "Lovelace",
                        "ada-notes.wav",
                        ADDRESS,
                        "bob@example.com",
                        "192.0.2.9",
                        "$2a$10$hash")
                .contains("samples/s1.wav", "preset_x", "job_1");
        List<EventMessage<?>> read = readAll();
        assertThat(read.stream().map(e -> (Object) e.getPayload()).toList()).containsExactlyElementsOf(written);
        assertThat(read.get(0).getMetaData()).containsEntry("clientAddress", ADDRESS);
        assertThat(read.get(1).getMetaData()).containsEntry("clientAddress", ADDRESS);
        assertThat(keys.liveKeysOf("user_a")).containsExactly("job:job_1", "sample:s1", "user:user_a");

        assertThat(new PersonalDataMigration(dataSource, codec, keys).migrate().eventsSealed())
                .as("a second run finds nothing to do")
                .isZero();
        assertThat(readAll().stream().map(e -> (Object) e.getPayload()).toList())
                .containsExactlyElementsOf(written);
    }

    @Test
    void aPersonsDeletionAfterTheStepErasesWhatWasStoredBeforeIt() {
        new PersonalDataMigration(dataSource, codec, keys).migrate();
        keys.destroyOwnedBy("user_a");

        List<EventMessage<?>> read = readAll();
        UserRegisteredEvent ada = (UserRegisteredEvent) read.get(0).getPayload();
        assertThat(ada.email()).isEqualTo(Erasure.ERASED);
        assertThat(read.get(0).getMetaData()).containsEntry("clientAddress", Erasure.ERASED);
        assertThat(((JobUpdatedEvent) read.get(2).getPayload()).text()).isEqualTo(Erasure.ERASED);
        assertThat(((JobCompletedEvent) read.get(3).getPayload()).timestamps()).isEmpty();
        assertThat(((VoiceSampleUploadedEvent) read.get(4).getPayload()).audio().blobKey())
                .isEqualTo("samples/s1.wav");
        assertThat(read.get(5).getPayload()).as("another person's").isEqualTo(written.get(5));
    }

    @Test
    void aJobDeletedBeforeTheStepReadsErasedAfterItAndTheOthersDoNot() {
        SynthesisSettings settings = new SynthesisSettings(1, 1, 1, "wav", 22050, "neutral", true, "word", Map.of());
        store(
                "job_2",
                new JobCreatedEvent(
                        "job_2", "user_a", "A note Ada deleted", "sha256:3", "en", "plain", "preset_x", settings, null),
                MetaData.with("userId", "user_a"));
        store("job_2", new JobDeletedEvent("job_2", "user_a", null), MetaData.with("userId", "user_a"));

        new PersonalDataMigration(dataSource, codec, keys).migrate();

        List<EventMessage<?>> read = readAll();
        JobCreatedEvent deleted = (JobCreatedEvent) read.get(6).getPayload();
        assertThat(deleted.text()).isEqualTo(Erasure.ERASED);
        assertThat(read.get(7).getPayload()).isEqualTo(written.get(7));
        assertThat(((JobCreatedEvent) read.get(1).getPayload()).text())
                .as("a job that was not deleted")
                .isEqualTo("The engine weaves algebraic patterns");
        assertThat(keys.liveKeysOf("user_a")).containsExactly("job:job_1", "sample:s1", "user:user_a");
        assertThat(rawStore()).doesNotContain("A note Ada deleted");
    }
}
