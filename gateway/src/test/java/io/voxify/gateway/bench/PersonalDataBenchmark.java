package io.voxify.gateway.bench;

import static io.voxify.gateway.bench.BenchReport.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobProgressedEvent;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.infrastructure.privacy.CachedPersonalKeys;
import io.voxify.infrastructure.privacy.KeyWrapping;
import io.voxify.infrastructure.privacy.PersonalDataCodec;
import io.voxify.infrastructure.privacy.PersonalDataSerializer;
import io.voxify.infrastructure.privacy.PersonalDataUpcaster;
import io.voxify.infrastructure.privacy.PersonalKeys;
import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What sealing personal data costs the event store (issue 18): serializing an event for its append and reading
 * it back (upcast and deserialize, as a replay does) with Axon's plain Jackson serializer against the
 * {@link PersonalDataSerializer} and {@link PersonalDataUpcaster}, per event type of a realistic mix, in one
 * process; keys warm in the cache, made on the first append in a real SQLite key table, and read from it on a
 * replay with a cold cache; then appends and a full read through Axon's JDBC event store on SQLite, plain
 * against sealed. Not part of {@code make test}; run it with
 * {@code mvn -B -o test -pl gateway -am -Dtest=PersonalDataBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class PersonalDataBenchmark {
    /** Users in the in-memory corpus; each is {@link #EVENTS_PER_USER} events. */
    private static final int USERS = Integer.getInteger("voxify.bench.privacy-users", 100);
    /** Users appended per round and store through the JDBC event store. */
    private static final int STORE_USERS = Integer.getInteger("voxify.bench.privacy-store-users", 40);

    private static final int WARM_UP_ROUNDS = 15;
    private static final int ROUNDS = 21;
    private static final int STORE_WARM_UP_ROUNDS = 2;
    private static final int STORE_ROUNDS = 5;
    /** Creating events per transaction in the first-append measurement. */
    private static final int FIRST_APPEND_BATCH = 50;

    private static final int JOBS_PER_USER = 3;
    private static final int PROGRESS_EVENTS = 4;
    private static final int EVENTS_PER_USER = 2 + JOBS_PER_USER * (2 + PROGRESS_EVENTS);

    private static final String USER = "UserRegisteredEvent";
    private static final String JOB_CREATED = "JobCreatedEvent";
    private static final String PROGRESSED = "JobProgressedEvent";
    private static final String COMPLETED = "JobCompletedEvent";
    private static final String SAMPLE = "VoiceSampleUploadedEvent";
    private static final String MIX = "mix";
    private static final List<String> TYPES = List.of(USER, JOB_CREATED, PROGRESSED, COMPLETED, SAMPLE);
    private static final List<String> CREATING = List.of(USER, JOB_CREATED, SAMPLE);

    /** About 500 characters, as a typical job's text. */
    private static final String TEXT = "The harbour master opened the ledger at dawn and read the names of the ships"
            + " that had come in overnight: a trawler from the northern banks, two ferries, and a small yacht whose"
            + " owner had radioed twice about a broken rudder. Meet me at 14 Rue Cler at nine, she wrote to her"
            + " brother, and bring the charts we talked about on Sunday. By noon the fog had lifted, the gulls"
            + " returned to the pier, and the market stalls along the quay filled with crates of mackerel, crab and"
            + " bright oranges from the south.";

    private static final AtomicLong IDS = new AtomicLong();

    @Test
    void sealingCostPerAppendAndPerReplayedEvent() throws Exception {
        long started = System.nanoTime();
        String loadBefore = BenchReport.machineLoad();
        Path dir = Files.createTempDirectory("voxify-bench-privacy-");
        SecretKey master = KeyWrapping.newKey();
        JacksonSerializer jackson = JacksonSerializer.defaultSerializer();
        Report report = new Report();

        try (Sqlite keysDb = new Sqlite(dir.resolve("keys.db"))) {
            JdbcPersonalKeys table = new JdbcPersonalKeys(keysDb.data, master, Clock.systemUTC());
            PersonalKeys keys = new CachedPersonalKeys(table, 20_000, Duration.ofMinutes(1));
            Sealing warm = new Sealing(jackson, keys);
            List<DomainEventMessage<?>> corpus = corpus(USERS);
            assertThat(corpus).hasSize(USERS * EVENTS_PER_USER);

            measureSerialization(corpus, jackson, warm.serializer, report);
            log("serialization done");
            measureFirstAppend(jackson, warm.serializer, keysDb, report);
            log("first append done");
            measureReading(corpus, jackson, warm, table, report);
            log("reading done");
        }
        try (Sqlite plainDb = new Sqlite(dir.resolve("plain-events.db"));
                Sqlite sealedDb = new Sqlite(dir.resolve("sealed-events.db"))) {
            PersonalKeys keys = new CachedPersonalKeys(
                    new JdbcPersonalKeys(sealedDb.data, master, Clock.systemUTC()), 20_000, Duration.ofMinutes(1));
            Sealing sealing = new Sealing(jackson, keys);
            Store plain = new Store(plainDb, jackson, new EventUpcasterChain());
            Store sealed = new Store(sealedDb, sealing.serializer, sealing.chain);
            measureStore(plain, sealed, report);
            log("event store done");
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        report.minutes = (System.nanoTime() - started) / 60e9;
        report.loadBefore = loadBefore;
        report.loadAfter = BenchReport.machineLoad();
        BenchReport.section("35-personal-data", report.markdown());
    }

    // --- (a) serialize for the append, keys warm ---------------------------------------------------

    private static void measureSerialization(
            List<DomainEventMessage<?>> corpus, Serializer plain, Serializer sealed, Report report) {
        Rounds plainRounds = new Rounds();
        Rounds sealedRounds = new Rounds();
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            boolean measured = round >= WARM_UP_ROUNDS;
            // Alternating which goes first, so a passing load or a GC falls on both alike.
            boolean plainFirst = round % 2 == 0;
            for (Serializer s : plainFirst ? List.of(plain, sealed) : List.of(sealed, plain)) {
                Map<String, Took> took = serializeAll(corpus, s, null);
                if (measured) {
                    (s == plain ? plainRounds : sealedRounds).add(took, counts(corpus));
                }
            }
        }
        report.serializePlain = plainRounds;
        report.serializeSealed = sealedRounds;

        Map<String, Long> plainBytes = new LinkedHashMap<>();
        Map<String, Long> sealedBytes = new LinkedHashMap<>();
        serializeAll(corpus, plain, plainBytes);
        serializeAll(corpus, sealed, sealedBytes);
        report.bytesPlain = perEvent(plainBytes, counts(corpus));
        report.bytesSealed = perEvent(sealedBytes, counts(corpus));
    }

    /**
     * Wall and thread-CPU time per type (and {@link #MIX}, their sum) to serialize payload and metadata, the
     * events of a type one after another; their stored sizes into {@code bytes} when given.
     */
    private static Map<String, Took> serializeAll(
            List<DomainEventMessage<?>> events, Serializer serializer, Map<String, Long> bytes) {
        Map<String, Took> took = new LinkedHashMap<>();
        for (Map.Entry<String, List<DomainEventMessage<?>>> type :
                byType(events).entrySet()) {
            long size = 0;
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (DomainEventMessage<?> event : type.getValue()) {
                SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
                SerializedObject<byte[]> metadata = serializer.serialize(event.getMetaData(), byte[].class);
                size += payload.getData().length + metadata.getData().length;
            }
            took.put(type.getKey(), Took.since(wall, cpu));
            if (bytes != null) {
                bytes.merge(type.getKey(), size, Long::sum);
                bytes.merge(MIX, size, Long::sum);
            }
        }
        took.put(MIX, Took.sum(took.values()));
        return took;
    }

    // --- (a) the first append of a resource: its key made in the SQLite key table -------------------

    private static void measureFirstAppend(Serializer plain, Serializer sealed, Sqlite keysDb, Report report) {
        TransactionTemplate tx = new TransactionTemplate(keysDb.transactions);
        Rounds plainRounds = new Rounds();
        Rounds sealedRounds = new Rounds();
        int users = FIRST_APPEND_BATCH / CREATING.size() + 1;
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            boolean measured = round >= WARM_UP_ROUNDS;
            // Fresh ids every round: each creating event makes its resource's key, in the append's transaction.
            // Jobs and samples are new resources of users registered before (their keys made and cached), as
            // in use; registrations are of users new to the store.
            List<DomainEventMessage<?>> registered = corpus(users);
            tx.executeWithoutResult(status -> serializeAll(ofType(registered, USER), sealed, null));
            List<DomainEventMessage<?>> creating = new ArrayList<>(ofType(corpus(users), USER));
            creating.addAll(ofType(registered, JOB_CREATED));
            creating.addAll(ofType(registered, SAMPLE));
            boolean plainFirst = round % 2 == 0;
            for (Serializer s : plainFirst ? List.of(plain, sealed) : List.of(sealed, plain)) {
                Map<String, Took> took = tx.execute(status -> serializeAll(creating, s, null));
                if (measured) {
                    (s == plain ? plainRounds : sealedRounds).add(took, counts(creating));
                }
            }
        }
        report.firstPlain = plainRounds;
        report.firstSealed = sealedRounds;
    }

    private static List<DomainEventMessage<?>> ofType(List<DomainEventMessage<?>> events, String type) {
        return events.stream().filter(e -> type(e).equals(type)).toList();
    }

    // --- (b) reading: upcast and deserialize, keys warm and cold ------------------------------------

    private static void measureReading(
            List<DomainEventMessage<?>> corpus, Serializer plain, Sealing warm, PersonalKeys table, Report report) {
        List<TrackedEventData<byte[]>> plainStored = stored(corpus, plain);
        List<TrackedEventData<byte[]>> sealedStored = stored(corpus, warm.serializer);
        EventUpcasterChain noUpcasters = new EventUpcasterChain();
        Rounds plainRounds = new Rounds();
        Rounds warmRounds = new Rounds();
        Rounds coldRounds = new Rounds();
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            boolean measured = round >= WARM_UP_ROUNDS;
            // Cold: a node whose cache has none of the keys yet (just started, or a minute since it last
            // read them), so each key is read from the table and unwrapped once for the round.
            Sealing cold = new Sealing(warm.jackson, new CachedPersonalKeys(table, 20_000, Duration.ofMinutes(1)));
            List<Runnable> order = new ArrayList<>(List.of(
                    () -> plainRounds.addIf(measured, readAll(corpus, plainStored, plain, noUpcasters), corpus),
                    () -> warmRounds.addIf(
                            measured, readAll(corpus, sealedStored, warm.serializer, warm.chain), corpus),
                    () -> coldRounds.addIf(
                            measured, readAll(corpus, sealedStored, cold.serializer, cold.chain), corpus)));
            Collections.rotate(order, round % order.size());
            order.forEach(Runnable::run);
        }
        report.readPlain = plainRounds;
        report.readWarm = warmRounds;
        report.readCold = coldRounds;
    }

    /** The events as the store holds them: rows with serialized payload and metadata. */
    private static List<TrackedEventData<byte[]>> stored(List<DomainEventMessage<?>> events, Serializer serializer) {
        List<TrackedEventData<byte[]>> rows = new ArrayList<>();
        long index = 1;
        for (DomainEventMessage<?> event : events) {
            SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
            SerializedObject<byte[]> metadata = serializer.serialize(event.getMetaData(), byte[].class);
            rows.add(new TrackedDomainEventData<>(
                    new GlobalSequenceTrackingToken(index++),
                    new GenericDomainEventEntry<>(
                            event.getType(),
                            event.getAggregateIdentifier(),
                            event.getSequenceNumber(),
                            event.getIdentifier(),
                            event.getTimestamp(),
                            payload.getType().getName(),
                            payload.getType().getRevision(),
                            payload.getData(),
                            metadata.getData())));
        }
        return rows;
    }

    /**
     * Wall and thread-CPU time per type (and {@link #MIX}) to upcast and deserialize each stored event until its
     * payload and metadata are what a handler gets, the events of a type one after another.
     */
    private static Map<String, Took> readAll(
            List<DomainEventMessage<?>> events,
            List<TrackedEventData<byte[]>> rows,
            Serializer serializer,
            EventUpcasterChain chain) {
        Map<String, List<TrackedEventData<byte[]>>> rowsByType = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowsByType
                    .computeIfAbsent(type(events.get(i)), t -> new ArrayList<>())
                    .add(rows.get(i));
        }
        Map<String, Took> took = new LinkedHashMap<>();
        long checksum = 0;
        for (Map.Entry<String, List<TrackedEventData<byte[]>>> type : rowsByType.entrySet()) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (TrackedEventData<byte[]> row : type.getValue()) {
                TrackedEventMessage<?> read = EventUtils.upcastAndDeserializeTrackedEvents(
                                Stream.of(row), serializer, chain)
                        .findFirst()
                        .orElseThrow();
                checksum += read.getPayload().hashCode() + read.getMetaData().size();
            }
            took.put(type.getKey(), Took.since(wall, cpu));
        }
        assertThat(checksum).isNotZero();
        took.put(MIX, Took.sum(took.values()));
        return took;
    }

    // --- (c) through Axon's JDBC event store on SQLite ---------------------------------------------

    private static void measureStore(Store plain, Store sealed, Report report) {
        Rounds plainAppend = new Rounds();
        Rounds sealedAppend = new Rounds();
        Rounds plainRead = new Rounds();
        Rounds sealedRead = new Rounds();
        for (int round = 0; round < STORE_WARM_UP_ROUNDS + STORE_ROUNDS; round++) {
            boolean measured = round >= STORE_WARM_UP_ROUNDS;
            // The same events into both stores (fresh ids each round: the sealed store makes their keys), a
            // user's events at a time to one store and then the other, so a passing load falls on both alike.
            List<DomainEventMessage<?>> events = corpus(STORE_USERS);
            List<Took> plainTook = new ArrayList<>();
            List<Took> sealedTook = new ArrayList<>();
            for (int from = 0; from < events.size(); from += EVENTS_PER_USER) {
                List<DomainEventMessage<?>> user = events.subList(from, from + EVENTS_PER_USER);
                boolean plainFirst = (from / EVENTS_PER_USER) % 2 == 0;
                for (Store store : plainFirst ? List.of(plain, sealed) : List.of(sealed, plain)) {
                    (store == plain ? plainTook : sealedTook).add(store.appendOnePerTransaction(user));
                }
            }
            if (measured) {
                plainAppend.add(Map.of(MIX, Took.sum(plainTook)), Map.of(MIX, events.size()));
                sealedAppend.add(Map.of(MIX, Took.sum(sealedTook)), Map.of(MIX, events.size()));
            }
        }
        long total = plain.count();
        assertThat(sealed.count()).isEqualTo(total);
        for (int round = 0; round < STORE_WARM_UP_ROUNDS + STORE_ROUNDS; round++) {
            boolean measured = round >= STORE_WARM_UP_ROUNDS;
            boolean plainFirst = round % 2 == 0;
            for (Store store : plainFirst ? List.of(plain, sealed) : List.of(sealed, plain)) {
                Took took = store.readAll(total);
                if (measured) {
                    (store == plain ? plainRead : sealedRead).add(Map.of(MIX, took), Map.of(MIX, (int) total));
                }
            }
        }
        report.storeEventsPerRound = STORE_USERS * EVENTS_PER_USER;
        report.storeEvents = total;
        report.storeAppendPlain = plainAppend;
        report.storeAppendSealed = sealedAppend;
        report.storeReadPlain = plainRead;
        report.storeReadSealed = sealedRead;
        report.storeFilePlain = plain.db.fileBytes();
        report.storeFileSealed = sealed.db.fileBytes();
    }

    /** Axon's JDBC storage engine on a SQLite file set up as the application's, its transactions Spring's. */
    private static final class Store {
        final Sqlite db;
        final JdbcEventStorageEngine engine;
        final TransactionTemplate tx;

        Store(Sqlite db, Serializer serializer, EventUpcasterChain chain) {
            this.db = db;
            db.jdbc("CREATE TABLE DomainEventEntry (globalIndex INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL,"
                    + " type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL UNIQUE, metaData BLOB,"
                    + " payload BLOB NOT NULL, payloadRevision VARCHAR(255),"
                    + " payloadType VARCHAR(255) NOT NULL, timeStamp VARCHAR(255) NOT NULL,"
                    + " UNIQUE (aggregateIdentifier, sequenceNumber))");
            this.engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(db.data))
                    .transactionManager(new SpringTransactionManager(db.transactions))
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .upcasterChain(chain)
                    .build();
            this.tx = new TransactionTemplate(db.transactions);
        }

        /** Appends each event in a transaction of its own (one command's event, as most are). */
        Took appendOnePerTransaction(List<DomainEventMessage<?>> events) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (DomainEventMessage<?> event : events) {
                tx.executeWithoutResult(status -> engine.appendEvents(List.of(event)));
            }
            return Took.since(wall, cpu);
        }

        /** Reads the whole store as a tracking processor does, payload and metadata deserialized. */
        Took readAll(long total) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long n = 0;
            long checksum = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
                java.util.Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                // Stops at the last event: asking past it makes Axon look for a gap ahead, a query SQLite's
                // driver answers with a value Axon cannot read as a long.
                while (n < total) {
                    TrackedEventMessage<?> event = events.next();
                    checksum +=
                            event.getPayload().hashCode() + event.getMetaData().size();
                    n++;
                }
            }
            assertThat(n).isEqualTo(total);
            assertThat(checksum).isNotZero();
            return Took.since(wall, cpu);
        }

        long count() {
            return db.count("DomainEventEntry");
        }
    }

    // --- the events ---------------------------------------------------------------------------------

    /** Per user: registration, one voice sample, and jobs of created, progressed ×4, completed; in stored order. */
    private static List<DomainEventMessage<?>> corpus(int users) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            long n = IDS.incrementAndGet();
            String userId = "user-" + n;
            String address = "203.0.113." + (n % 250);
            Map<String, Object> registration = new LinkedHashMap<>();
            registration.put("correlationId", "req-u" + n);
            registration.put("requestId", "req-u" + n);
            registration.put("clientAddress", address);
            registration.put(Erasure.DATA_SUBJECT, userId);
            events.add(event(
                    "User",
                    userId,
                    0,
                    new UserRegisteredEvent(
                            userId,
                            "listener" + n + "@example.com",
                            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                            "Ada",
                            "Lovelace",
                            Role.USER),
                    registration));

            String sampleId = "sample-" + n;
            events.add(event(
                    "VoiceSample",
                    sampleId,
                    0,
                    new VoiceSampleUploadedEvent(
                            sampleId,
                            userId,
                            "My reading voice",
                            "Recorded in the kitchen on a quiet evening",
                            "en",
                            TEXT.substring(0, 200),
                            new SampleAudio(
                                    "samples/" + sampleId + ".wav",
                                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                    "wav",
                                    1_411_244L,
                                    32.0,
                                    22050,
                                    1,
                                    "ada-kitchen-take-3.wav")),
                    request(userId, address, "req-s" + n)));

            for (int j = 0; j < JOBS_PER_USER; j++) {
                String jobId = "job-" + n + "-" + j;
                Map<String, Object> meta = request(userId, address, "req-j" + n + "-" + j);
                String text = "Job " + j + ". " + TEXT;
                int seq = 0;
                events.add(event(
                        "SynthesisJob",
                        jobId,
                        seq++,
                        new JobCreatedEvent(
                                jobId,
                                userId,
                                text,
                                "sha256:" + Integer.toHexString(text.hashCode()) + "0f3c9a7e5b1d2c4e6f8a0b2c4d6e8f0a",
                                "en",
                                JobCreatedEvent.PLAIN_TEXT,
                                "default_voice_001",
                                new SynthesisSettings(
                                        1.0,
                                        1.0,
                                        1.0,
                                        "wav",
                                        22050,
                                        "neutral",
                                        true,
                                        "word",
                                        Map.of("speed", 1.0, "output_format", "wav", "include_timestamps", true)),
                                "https://hooks.example.com/voxify/" + userId + "/jobs?token=4f1c2a9b"),
                        meta));
                for (int p = 1; p <= PROGRESS_EVENTS; p++) {
                    events.add(event(
                            "SynthesisJob",
                            jobId,
                            seq++,
                            new JobProgressedEvent(
                                    jobId,
                                    1,
                                    p * 99.0 / PROGRESS_EVENTS,
                                    "Synthesised sentence " + p + " of " + PROGRESS_EVENTS),
                            meta));
                }
                List<TimedText> words = new ArrayList<>();
                int at = 0;
                double second = 0;
                for (String word : text.split(" ")) {
                    words.add(new TimedText(word, "word", second, second + 0.31, at, at + word.length()));
                    at += word.length() + 1;
                    second += 0.34;
                }
                events.add(event(
                        "SynthesisJob",
                        jobId,
                        seq,
                        new JobCompletedEvent(
                                jobId,
                                userId,
                                1,
                                new AudioOutput(
                                        "file-" + jobId,
                                        "audio/" + jobId + "/file-" + jobId + ".wav",
                                        "wav",
                                        "audio/wav",
                                        22050,
                                        1,
                                        1_234_044L,
                                        second,
                                        "sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"),
                                words,
                                912L,
                                431L),
                        meta));
            }
        }
        return events;
    }

    /** What a signed-in caller's command carries onto its events (the worker's carry what the job was queued with). */
    private static Map<String, Object> request(String userId, String address, String requestId) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("correlationId", requestId);
        meta.put("causationId", requestId);
        meta.put("requestId", requestId);
        meta.put("userId", userId);
        meta.put("clientAddress", address);
        return meta;
    }

    private static DomainEventMessage<?> event(
            String aggregate, String id, long seq, Object payload, Map<String, Object> meta) {
        return new GenericDomainEventMessage<>(aggregate, id, seq, payload, MetaData.from(meta));
    }

    private static String type(EventMessage<?> event) {
        return event.getPayloadType().getSimpleName();
    }

    private static Map<String, Integer> counts(List<DomainEventMessage<?>> events) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        events.forEach(e -> counts.merge(type(e), 1, Integer::sum));
        counts.put(MIX, events.size());
        return counts;
    }

    /** The events by type, in the order of {@link #TYPES}, each type's in stored order. */
    private static Map<String, List<DomainEventMessage<?>>> byType(List<DomainEventMessage<?>> events) {
        Map<String, List<DomainEventMessage<?>>> byType = new LinkedHashMap<>();
        TYPES.forEach(type -> byType.put(type, new ArrayList<>()));
        events.forEach(e -> byType.get(type(e)).add(e));
        byType.values().removeIf(List::isEmpty);
        return byType;
    }

    private static Map<String, Double> perEvent(Map<String, Long> totals, Map<String, Integer> counts) {
        Map<String, Double> per = new LinkedHashMap<>();
        totals.forEach((type, total) -> per.put(type, (double) total / counts.get(type)));
        return per;
    }

    // --- plumbing -----------------------------------------------------------------------------------

    /** The event store's serializer and upcaster chain as the application wires them, over these keys. */
    private static final class Sealing {
        final JacksonSerializer jackson;
        final PersonalDataSerializer serializer;
        final EventUpcasterChain chain;

        Sealing(JacksonSerializer jackson, PersonalKeys keys) {
            PersonalDataCodec codec = new PersonalDataCodec(keys);
            this.jackson = jackson;
            this.serializer = new PersonalDataSerializer(jackson, codec);
            this.chain = new EventUpcasterChain(List.<EventUpcaster>of(new PersonalDataUpcaster(codec)));
        }
    }

    /** A SQLite file with the application's settings, on one connection (as the embedded profile's pool). */
    private static final class Sqlite implements AutoCloseable {
        final Path file;
        final SingleConnectionDataSource data;
        final DataSourceTransactionManager transactions;

        Sqlite(Path file) {
            this.file = file;
            this.data = new SingleConnectionDataSource(
                    "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true",
                    true);
            data.setDriverClassName("org.sqlite.JDBC");
            this.transactions = new DataSourceTransactionManager(data);
        }

        void jdbc(String sql) {
            new org.springframework.jdbc.core.JdbcTemplate(data).execute(sql);
        }

        long count(String table) {
            Long n = new org.springframework.jdbc.core.JdbcTemplate(data)
                    .queryForObject("SELECT count(*) FROM " + table, Long.class);
            return n == null ? 0 : n;
        }

        long fileBytes() {
            new org.springframework.jdbc.core.JdbcTemplate(data).execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try {
                return Files.size(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            data.destroy();
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Wall and thread-CPU nanoseconds of one measured stretch. */
    private record Took(long wall, long cpu) {
        static Took since(long wall, long cpu) {
            return new Took(System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
        }

        static Took sum(java.util.Collection<Took> all) {
            return new Took(
                    all.stream().mapToLong(Took::wall).sum(),
                    all.stream().mapToLong(Took::cpu).sum());
        }
    }

    /** Per round, µs per event of each type, wall and thread CPU; medians over the rounds. */
    private static final class Rounds {
        final Map<String, List<Double>> wall = new LinkedHashMap<>();
        final Map<String, List<Double>> cpu = new LinkedHashMap<>();

        void add(Map<String, Took> took, Map<String, Integer> counts) {
            took.forEach((type, t) -> {
                wall.computeIfAbsent(type, k -> new ArrayList<>()).add(t.wall() / 1e3 / counts.get(type));
                cpu.computeIfAbsent(type, k -> new ArrayList<>()).add(t.cpu() / 1e3 / counts.get(type));
            });
        }

        void addIf(boolean measured, Map<String, Took> took, List<DomainEventMessage<?>> events) {
            if (measured) {
                add(took, counts(events));
            }
        }

        boolean has(String type) {
            return cpu.containsKey(type);
        }

        double cpu(String type) {
            return median(cpu.get(type));
        }

        double wall(String type) {
            return median(wall.get(type));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static final long STARTED = System.nanoTime();

    private static void log(String what) {
        System.out.printf("[personal-data bench] %6.1f s  %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }

    // --- the section ----------------------------------------------------------------------------------

    private static final class Report {
        Rounds serializePlain;
        Rounds serializeSealed;
        Map<String, Double> bytesPlain;
        Map<String, Double> bytesSealed;
        Rounds firstPlain;
        Rounds firstSealed;
        Rounds readPlain;
        Rounds readWarm;
        Rounds readCold;
        int storeEventsPerRound;
        long storeEvents;
        Rounds storeAppendPlain;
        Rounds storeAppendSealed;
        Rounds storeReadPlain;
        Rounds storeReadSealed;
        long storeFilePlain;
        long storeFileSealed;
        double minutes;
        String loadBefore;
        String loadAfter;

        String markdown() {
            List<String> types = new ArrayList<>(TYPES);
            types.add(MIX);
            Function<String, String> label = type -> type.equals(MIX)
                    ? "**mix** (per user: 1 registration, 1 sample, " + JOBS_PER_USER + " jobs × (created, "
                            + PROGRESS_EVENTS + " progressed, completed))"
                    : "`" + type + "`";

            List<List<?>> append = new ArrayList<>();
            for (String type : types) {
                append.add(List.of(
                        label.apply(type),
                        fixed(serializePlain.cpu(type), 1),
                        fixed(serializeSealed.cpu(type), 1),
                        fixed(serializeSealed.cpu(type) - serializePlain.cpu(type), 1),
                        ratio(serializeSealed.cpu(type), serializePlain.cpu(type)),
                        ratio(serializeSealed.wall(type), serializePlain.wall(type)),
                        firstSealed.has(type) && !type.equals(MIX)
                                ? fixed(firstSealed.cpu(type), 1) + " (plain " + fixed(firstPlain.cpu(type), 1) + ")"
                                : "—",
                        fixed(bytesPlain.get(type), 0),
                        fixed(bytesSealed.get(type), 0),
                        ratio(bytesSealed.get(type), bytesPlain.get(type))));
            }
            List<List<?>> read = new ArrayList<>();
            for (String type : types) {
                read.add(List.of(
                        label.apply(type),
                        fixed(readPlain.cpu(type), 1),
                        fixed(readWarm.cpu(type), 1),
                        fixed(readWarm.cpu(type) - readPlain.cpu(type), 1),
                        ratio(readWarm.cpu(type), readPlain.cpu(type)),
                        ratio(readWarm.wall(type), readPlain.wall(type)),
                        fixed(readCold.cpu(type), 1),
                        ratio(readCold.cpu(type), readPlain.cpu(type))));
            }
            List<List<?>> store = List.of(
                    storeRow(
                            "append, one event per transaction (" + STORE_ROUNDS + " × " + storeEventsPerRound
                                    + " events)",
                            storeAppendPlain,
                            storeAppendSealed),
                    storeRow(
                            "read the whole store as a tracking processor (" + storeEvents + " events)",
                            storeReadPlain,
                            storeReadSealed),
                    List.of(
                            "database file, bytes per event (sealed: with its key table)",
                            fixed((double) storeFilePlain / storeEvents, 0),
                            fixed((double) storeFileSealed / storeEvents, 0),
                            fixed((double) (storeFileSealed - storeFilePlain) / storeEvents, 0),
                            ratio(storeFileSealed, storeFilePlain),
                            "",
                            "",
                            ""));

            return "## Personal data: what sealing costs per append and per replayed event\n\n"
                    + "**What runs.** `PersonalDataBenchmark`, in the benchmark JVM, no application started: the"
                    + " event store's serializer as the application wires it (`PersonalDataSerializer` around Axon's"
                    + " `JacksonSerializer`, `PersonalDataUpcaster` first in the upcaster chain, `PersonalDataCodec`,"
                    + " `CachedPersonalKeys` with the default cache over `JdbcPersonalKeys` on a SQLite file with the"
                    + " embedded profile's settings), against the same `JacksonSerializer` alone and no upcaster"
                    + " (the baseline: what the store did before issue 18). The events are a realistic mix per user:"
                    + " a registration (e-mail, password hash, names), a voice sample (name, description, a"
                    + " 200-character transcript, file name), and " + JOBS_PER_USER + " jobs, each created (a "
                    + TEXT.length() + "-character text, its hash and a callback URL), " + PROGRESS_EVENTS
                    + " progress events (no personal payload) and completed (word timings for each of the text's "
                    + TEXT.split(" ").length + " words). Every event carries the metadata a signed-in caller's"
                    + " command gives it (correlation, causation and request ids, user id, client address; the"
                    + " registration its data subject instead of a user id), so every event's metadata has one"
                    + " sealed value, the progress events' included. Corpus: " + USERS + " users ("
                    + USERS * EVENTS_PER_USER + " events); " + WARM_UP_ROUNDS + " warm-up rounds, then " + ROUNDS
                    + " measured rounds, plain and sealed taking turns to go first; in a round the events of each"
                    + " type run one after another.\n\n"
                    + "**What is measured.** Per event: the median over the rounds of the round's mean. CPU = the"
                    + " benchmark thread's CPU time (`ThreadMXBean`), the steady figure on a shared machine; wall ="
                    + " `System.nanoTime`, given as a ratio too. *Append*: `serialize(payload)` and"
                    + " `serialize(metadata)` to `byte[]`, as the storage engine calls them; keys in the cache."
                    + " *First append*: creating events with fresh ids, " + FIRST_APPEND_BATCH
                    + "-odd to a transaction on the key database (its commit not counted: the append commits"
                    + " anyway): the resource's key is made (looked up, generated, wrapped by the master key,"
                    + " inserted) and, cached only once the transaction commits, read back from the table (and"
                    + " unwrapped) for each value it seals; jobs and samples are new resources of users registered"
                    + " (and cached) before, registrations are of new users. *Bytes*: payload + metadata as stored. *Replay*: a stored row"
                    + " (`GenericDomainEventEntry`) through `EventUtils.upcastAndDeserializeTrackedEvents` until the"
                    + " handler's payload and metadata exist; keys cached, or cache cold (a new cache each round, so"
                    + " each key is read from the SQLite table and unwrapped once a round: " + (2 + JOBS_PER_USER)
                    + " keys per " + EVENTS_PER_USER + " events). *Event store*: Axon's `JdbcEventStorageEngine`"
                    + " (the application uses Axon's JPA engine on the same table shape; JDBC keeps Hibernate out of"
                    + " the comparison) on two SQLite files set up as the application's (WAL, `synchronous=NORMAL`,"
                    + " one connection, Spring transactions), the sealed one with its key table: the same "
                    + storeEventsPerRound + " fresh events into both each round, one event per transaction with"
                    + " its commit (a new resource's key made in it), a user's events to one store and then the"
                    + " other, " + STORE_WARM_UP_ROUNDS + " warm-up and " + STORE_ROUNDS + " measured rounds; then"
                    + " the whole store read as a tracking processor reads it (`readEvents(null, false)`), keys"
                    + " cached, " + STORE_WARM_UP_ROUNDS + " + " + STORE_ROUNDS + " rounds.\n\n"
                    + "**Command:** `make bench BENCH=PersonalDataBenchmark` (machine: " + loadBefore
                    + " at the start, " + loadAfter + " at the end; " + fixed(minutes, 1) + " min).\n\n"
                    + "**Append: serialize payload and metadata, µs of CPU per event**\n\n"
                    + BenchReport.table(
                            List.of(
                                    "event",
                                    "plain",
                                    "sealed",
                                    "sealing adds",
                                    "sealed / plain",
                                    "wall sealed / plain",
                                    "first append, key made: sealed",
                                    "plain bytes",
                                    "sealed bytes",
                                    "bytes sealed / plain"),
                            append)
                    + "\n**Replay: upcast and deserialize, µs of CPU per event**\n\n"
                    + BenchReport.table(
                            List.of(
                                    "event",
                                    "plain",
                                    "sealed, keys cached",
                                    "sealing adds",
                                    "sealed / plain",
                                    "wall sealed / plain",
                                    "sealed, cache cold",
                                    "cold / plain"),
                            read)
                    + "\n**Through Axon's JDBC event store on SQLite, µs per event**\n\n"
                    + BenchReport.table(
                            List.of(
                                    "what",
                                    "plain CPU",
                                    "sealed CPU",
                                    "sealing adds",
                                    "sealed / plain",
                                    "plain wall",
                                    "sealed wall",
                                    "wall sealed / plain"),
                            store)
                    + "\n" + reading();
        }

        private String reading() {
            double appendAdds = serializeSealed.cpu(MIX) - serializePlain.cpu(MIX);
            double readAdds = readWarm.cpu(MIX) - readPlain.cpu(MIX);
            double storeAppendAdds = storeAppendSealed.cpu(MIX) - storeAppendPlain.cpu(MIX);
            double storeReadAdds = storeReadSealed.cpu(MIX) - storeReadPlain.cpu(MIX);
            return "**Reading.** Over the mix, sealing adds " + fixed(appendAdds, 1) + " µs of CPU to an event's"
                    + " serialization for its append (" + ratio(serializeSealed.cpu(MIX), serializePlain.cpu(MIX))
                    + " the plain serializer's) and " + fixed(readAdds, 1) + " µs to its upcast and"
                    + " deserialization on a replay with keys cached ("
                    + ratio(readWarm.cpu(MIX), readPlain.cpu(MIX)) + "); a stored event grows from "
                    + fixed(bytesPlain.get(MIX), 0) + " to " + fixed(bytesSealed.get(MIX), 0) + " bytes ("
                    + ratio(bytesSealed.get(MIX), bytesPlain.get(MIX)) + "). The fixed part is per sealed value"
                    + " (a JSON tree instead of straight bytes, AES-GCM with a fresh nonce, base64, the"
                    + " `{\"$key\", \"$sealed\", \"$erased\"}` wrapper): small events with personal fields pay it"
                    + " several times over their plain cost, a progress event pays it once for its client address,"
                    + " and a completed job's word timings (one sealed value, the whole list) pay by their size:"
                    + " the list goes through a JSON tree and its own bytes, and is stored as base64, a third"
                    + " larger."
                    + " The first append of a resource costs more, "
                    + fixed(firstSealed.cpu(JOB_CREATED) - serializeSealed.cpu(JOB_CREATED), 0)
                    + " µs of CPU for a job and "
                    + fixed(firstSealed.cpu(USER) - serializeSealed.cpu(USER), 0)
                    + " µs for a registration: making the key in the table (an insert, a read back, the wrap"
                    + " and unwrap under the master key), after which the key serves the event's other sealed"
                    + " values from memory (a job's 3, a registration's 5 with its address; within a transaction"
                    + " from the transaction's own memory, shared only once it commits); a cold cache adds one"
                    + " table read and unwrap per key to a replay. Through the event store on SQLite, one event per"
                    + " transaction and every user, sample and job new (" + (2 + JOBS_PER_USER) + " keys made per "
                    + EVENTS_PER_USER + " events), sealing adds " + fixed(storeAppendAdds, 1)
                    + " µs of CPU to an append ("
                    + ratio(storeAppendSealed.cpu(MIX), storeAppendPlain.cpu(MIX)) + "; wall "
                    + ratio(storeAppendSealed.wall(MIX), storeAppendPlain.wall(MIX)) + ", the wait for the commit"
                    + " included): more than the serializer adds alone, as here each new resource's key is made in"
                    + " its event's transaction and SQLite writes the key rows and larger event rows too. A full"
                    + " read of the store costs " + fixed(storeReadAdds, 1) + " µs of CPU more per event ("
                    + ratio(storeReadSealed.cpu(MIX), storeReadPlain.cpu(MIX)) + "). Absolute figures move with"
                    + " the load on the shared machine (compare the ratios between runs, not the µs); the wall ratios"
                    + " of the small events are the noisiest, a few µs next to the scheduler's slices.";
        }

        private static List<?> storeRow(String what, Rounds plain, Rounds sealed) {
            return List.of(
                    what,
                    fixed(plain.cpu(MIX), 1),
                    fixed(sealed.cpu(MIX), 1),
                    fixed(sealed.cpu(MIX) - plain.cpu(MIX), 1),
                    ratio(sealed.cpu(MIX), plain.cpu(MIX)),
                    fixed(plain.wall(MIX), 1),
                    fixed(sealed.wall(MIX), 1),
                    ratio(sealed.wall(MIX), plain.wall(MIX)));
        }

        private static String ratio(double sealed, double plain) {
            return fixed(sealed / plain, 2) + "×";
        }
    }
}
