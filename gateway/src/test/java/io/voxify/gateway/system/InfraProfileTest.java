package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.Person;
import io.voxify.gateway.support.RabbitBroker;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.support.StoredData;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.infrastructure.PostgresDatabase;
import io.voxify.infrastructure.publishing.PublishingProperties;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkQueue;
import io.voxify.infrastructure.storage.s3.S3TestServer;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.infrastructure.vector.chroma.ChromaTestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The infra profile on real servers: PostgreSQL for the event store, sagas,
 * deadlines and read models; an S3 server (s3proxy) for blobs; Chroma for embeddings; Redis for rate limits and refresh tokens; RabbitMQ for the work
 * queue (this node publishes and consumes) and the published domain events. The spec's Workflow 1
 * end to end, and the queries that speak SQL (audit, stats) on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfraProfileTest {
    private PostgresDatabase database;
    private S3TestServer s3;
    private RunningApp app;

    @BeforeAll
    void start() {
        database = new PostgresDatabase();
        s3 = S3TestServer.start();
        app = RunningApp.start(
                RunningApp.tempDir("voxify-infra-"),
                Map.ofEntries(
                        Map.entry("spring.profiles.active", "infra"),
                        Map.entry("voxify.storage.s3.endpoint", s3.endpoint()),
                        Map.entry("voxify.storage.s3.access-key", s3.accessKey()),
                        Map.entry("voxify.storage.s3.secret-key", s3.secretKey()),
                        Map.entry("voxify.storage.s3.bucket", "voxify-infra"),
                        Map.entry(
                                "voxify.vectors.chroma.url",
                                ChromaTestServer.shared().url()),
                        Map.entry("voxify.vectors.chroma.collection", database.name()),
                        Map.entry("spring.datasource.url", database.url()),
                        Map.entry("spring.datasource.username", PostgresDatabase.USER),
                        Map.entry("spring.datasource.password", ""),
                        Map.entry("voxify.rate-limits.redis-prefix", "voxify-it:" + database.name() + ":rl:"),
                        Map.entry("voxify.refresh-tokens.redis-prefix", "voxify-it:" + database.name() + ":rt:"),
                        Map.entry("voxify.library.redis-prefix", "voxify-it:" + database.name() + ":library:"),
                        // Short-lived library pages, so a deleted account's generation key (kept twice a page's
                        // lifetime) is gone within seconds where the deletion test looks for it.
                        Map.entry("voxify.library.cache-ttl", "PT2S"),
                        Map.entry("voxify.streaming.redis-prefix", "voxify-it:" + database.name() + ":audio:"),
                        Map.entry("voxify.view-updates.channel", "voxify-it:" + database.name() + ":views"),
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
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void workflowOneOnPostgresqlRedisAndRabbitmq() throws Exception {
        assertThat(app.bean(WorkQueue.class)).isInstanceOf(RabbitWorkQueue.class);
        PublishingProperties publishing = app.bean(PublishingProperties.class);
        AmqpAdmin broker = app.bean(AmqpAdmin.class);
        Queue analytics = new Queue(publishing.prefix() + ".analytics-test", false, false, false);
        broker.declareQueue(analytics);
        broker.declareBinding(BindingBuilder.bind(analytics)
                .to(new TopicExchange(publishing.eventsExchange()))
                .with("SynthesisJob.#"));
        broker.declareBinding(BindingBuilder.bind(analytics)
                .to(new TopicExchange(publishing.eventsExchange()))
                .with("UserAccount.UserRegisteredEvent"));
        ApiClient anonymous = app.client();
        String email = "infra-" + database.name() + "@example.com";
        assertThat(anonymous
                        .post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD))
                        .status())
                .isEqualTo(201);
        JsonNode session = anonymous
                .post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD))
                .data();
        String refresh = session.get("refresh_token").asText();
        ApiClient.Response rotated = anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", refresh));
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        assertThat(anonymous
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", refresh))
                        .status())
                .as("a reused refresh token is refused (kept in Redis)")
                .isEqualTo(401);
        ApiClient user = anonymous.withToken(rotated.data().get("access_token").asText());
        String userId = user.userId();

        ApiClient.Response created = user.post(
                "/api/v1/job",
                Map.of(
                        "text_content",
                        "Hello world, this uses the default voice model!",
                        "voice_model_id",
                        "default_voice_001",
                        "output_format",
                        "wav"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("X-RateLimit-Limit")).isNotNull();
        String jobId = created.data().get("id").asText();
        ApiClient.SseCapture progress = user.progress(jobId, Duration.ofSeconds(60));
        assertThat(progress.events()).isNotEmpty();
        assertThat(progress.last().get("event").asText()).isEqualTo("complete");
        JsonNode job = user.get("/api/v1/job/" + jobId).data();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        ApiClient.Response audio = user.get("/api/v1/files/audio/" + jobId);
        assertThat(audio.status()).isEqualTo(200);
        assertThat(new String(Arrays.copyOf(audio.body(), 4), StandardCharsets.US_ASCII))
                .isEqualTo("RIFF");
        assertThat(user.get("/api/v1/job?limit=5").data().get(0).get("id").asText())
                .isEqualTo(jobId);

        ApiClient.Response history = user.get("/api/v1/audit/jobs/" + jobId + "/events");
        RabbitTemplate consumer = new RabbitTemplate(app.bean(ConnectionFactory.class));
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 100 && !published.contains("SynthesisJob.JobCompletedEvent"); i++) {
            Message m = consumer.receive(analytics.getName(), 200);
            if (m == null) {
                continue;
            }
            String key = m.getMessageProperties().getReceivedRoutingKey();
            if (key.equals("UserAccount.UserRegisteredEvent")) {
                JsonNode registered = ApiClient.JSON.readTree(m.getBody());
                if (registered.get("userId").asText().equals(userId)) {
                    assertThat(registered.get("passwordHash").asText())
                            .as("no password hash leaves the store")
                            .isEqualTo("[redacted]");
                    assertThat(registered.get("email").asText())
                            .as("no personal value leaves the store: a broker's copy could never be erased")
                            .isEqualTo("[personal]");
                    assertThat(m.getMessageProperties().getHeaders()).doesNotContainKey("voxify-meta-clientAddress");
                    published.add(key);
                }
                continue;
            }
            published.add(key);
            assertThat(m.getMessageProperties().getHeaders().get("voxify-aggregate-id"))
                    .isEqualTo(jobId);
        }
        assertThat(published)
                .as("analytics consumers get the events in order")
                .startsWith(
                        "UserAccount.UserRegisteredEvent",
                        "SynthesisJob.JobCreatedEvent",
                        "SynthesisJob.JobStartedEvent")
                .endsWith("SynthesisJob.JobCompletedEvent");
        broker.deleteQueue(analytics.getName());
        String metrics = app.scrape().text();
        assertThat(metrics)
                .as("the broker's queue depth is a gauge too")
                .containsPattern("voxify_work_queue_depth\\{[^}]*pool=\"synthesis\"[^}]*} 0\\.0");
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.data().get(history.data().size() - 1).get("type").asText())
                .isEqualTo("JobCompletedEvent");
        Instant done = Instant.parse(
                history.data().get(history.data().size() - 1).get("timestamp").asText());
        assertThat(user.get("/api/v1/audit/jobs/" + jobId + "/state?at=" + done)
                        .data()
                        .get("job")
                        .get("status")
                        .asText())
                .isEqualTo("completed");

        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient.Response stats = admin.get("/api/v1/admin/stats");
        assertThat(stats.status()).as(stats.text()).isEqualTo(200);
        assertThat(stats.data().get("jobs").get("by_status").get("completed").asInt())
                .isEqualTo(1);
        ApiClient.Response users = admin.get("/api/v1/admin/users?search=infra-&sort_by=job_count");
        assertThat(users.status()).as(users.text()).isEqualTo(200);
        assertThat(users.data().get(0).get("job_count").asInt()).isEqualTo(1);
        ApiClient.Response events =
                admin.get("/api/v1/audit/events?type=JobCreatedEvent&from=" + done.minusSeconds(600));
        assertThat(events.status()).as(events.text()).isEqualTo(200);
        assertThat(events.data()).hasSize(1);

        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            ResultSet count = s.executeQuery("SELECT count(*), min(pg_typeof(payload)::text) FROM domain_event_entry"
                    + " WHERE aggregate_identifier = '" + jobId + "'");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(history.data().size());
            assertThat(count.getString(2))
                    .as("event payloads are bytes in the row, not large objects")
                    .isEqualTo("bytea");
        }
    }

    @Test
    void workflowTwoStoresRecordingsInTheBucketAndEmbeddingsInChroma() {
        ApiClient user = app.client().newUser();
        byte[] recording = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav");
        ApiClient.Response uploaded = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "My voice", "language", "en-US"),
                "voice_sample.wav",
                recording);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String sampleId = uploaded.data().get("id").asText();
        assertThat(uploaded.data().get("processing_job_id").asText())
                .as("processed as it is uploaded")
                .startsWith("proc_");
        JsonNode sample = await(
                user,
                "/api/v1/voice/samples/" + sampleId,
                s -> !s.get("status").asText().equals("processing"));
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");

        ApiClient.Response created =
                user.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "My clone"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String cloneId = created.data().get("clone_id").asText();
        JsonNode clone = await(
                user,
                "/api/v1/voice/clones/" + cloneId,
                c -> c.get("status").asText().equals("ready")
                        || c.get("status").asText().equals("failed"));
        assertThat(clone.get("status").asText()).as(clone.toString()).isEqualTo("ready");
        String jobId = user.createJob(
                        Map.of("text_content", "Hello world, this is my cloned voice!", "voice_model_id", cloneId))
                .get("id")
                .asText();
        JsonNode job = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofMinutes(2));
        assertThat(job.get("voice_model_id").asText()).isEqualTo(cloneId);

        assertThat(objects())
                .as("the recording and the clone's audio are in the bucket")
                .anyMatch(name -> name.contains(sampleId))
                .anyMatch(name -> name.startsWith("audio/" + jobId + "/"));
        JsonNode similar = user.get("/api/v1/voice/samples/" + sampleId + "/similar?limit=3")
                .data();
        assertThat(similar).as("similar voices come from Chroma").isNotEmpty();
    }

    private static JsonNode await(ApiClient user, String path, Predicate<JsonNode> done) {
        return user.await(path, done, java.time.Duration.ofMinutes(3));
    }

    /** The names of every object in the application's bucket, listed by the S3 server itself. */
    private List<String> objects() {
        List<String> objects = new ArrayList<>();
        s3.client()
                .listObjects(io.minio.ListObjectsArgs.builder()
                        .bucket("voxify-infra")
                        .recursive(true)
                        .build())
                .forEach(item -> {
                    try {
                        objects.add(item.get().objectName());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return objects;
    }

    /**
     * An account deleted on the real servers (issue 18): afterwards nothing of hers is in PostgreSQL (beyond the
     * pseudonymous bookkeeping {@code MAY_NAME_HER} explains), the bucket, Chroma, Redis or the events published
     * after. In Redis no key may name her or her resources once the erasure is done: her refresh tokens, request
     * bucket and relayed audio are removed by the deletion, her library generation expires with her last page
     * (seconds here). What may stay names no account: counters keyed by client address, which expire by
     * themselves; and the sign-in history keyed by a digest of an e-mail (not her id, but a pseudonym of her
     * address), which paces sign-ins to that e-mail whether or not an account has it, and expires too (failures
     * within their window, known addresses within {@code known-address-ttl}).
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class AnAccountDeletedOnTheRealServers {
        private final Person alice = new Person();
        private final Person bob = new Person();
        private ApiClient aliceClient;
        private ApiClient bobClient;
        private Resources hers;
        private Resources his;
        private Queue later;

        /** A person's ids: their account, their job, their sample and (for her) the clone made from it. */
        private record Resources(String userId, String jobId, String sampleId, String cloneId) {
            List<String> ids() {
                return java.util.stream.Stream.of(userId, jobId, sampleId, cloneId)
                        .filter(java.util.Objects::nonNull)
                        .toList();
            }
        }

        @BeforeAll
        void twoPeopleActAndSheHasAVoiceCloneFavouritesRatingsAndACachedLibraryPage() {
            aliceClient = alice.actIn(app);
            bobClient = bob.actIn(app);
            String aliceSample = processed(aliceClient, alice);
            String bobSample = processed(bobClient, bob);
            ApiClient.Response created = aliceClient.post(
                    "/api/v1/voice/clones", Map.of("sample_ids", List.of(aliceSample), "name", "Clone " + alice.tag));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String cloneId = created.data().get("clone_id").asText();
            JsonNode clone = await(
                    aliceClient,
                    "/api/v1/voice/clones/" + cloneId,
                    c -> c.get("status").asText().equals("ready")
                            || c.get("status").asText().equals("failed"));
            assertThat(clone.get("status").asText()).as(clone.toString()).isEqualTo("ready");
            for (ApiClient person : List.of(aliceClient, bobClient)) {
                ApiClient.Response favourite = person.post("/api/v1/voice/models/default_voice_001/favorite", Map.of());
                assertThat(favourite.status()).as(favourite.text()).isEqualTo(200);
                ApiClient.Response rated =
                        person.put("/api/v1/voice/models/default_voice_001/rating", Map.of("rating", 4));
                assertThat(rated.status()).as(rated.text()).isEqualTo(200);
                ApiClient.Response library = person.get("/api/v1/voice/models");
                assertThat(library.status()).as(library.text()).isEqualTo(200);
            }
            // Her export's allowance is a Redis bucket named by her id, which must go with her account too.
            ApiClient.Response exported = aliceClient.get("/api/v1/auth/export");
            assertThat(exported.status()).as(exported.text()).isEqualTo(200);
            hers = new Resources(aliceClient.userId(), firstJob(aliceClient), aliceSample, cloneId);
            his = new Resources(bobClient.userId(), firstJob(bobClient), bobSample, null);
        }

        private static String firstJob(ApiClient person) {
            return person.get("/api/v1/job").data().get(0).get("id").asText();
        }

        /**
         * A sample long enough to be processed, so its speaker embedding is in Chroma (the one {@link Person}
         * uploads is too short for that, and rejected: its recording is in the bucket, no embedding).
         */
        private static String processed(ApiClient client, Person person) {
            ApiClient.Response uploaded = client.multipart(
                    "/api/v1/voice/samples",
                    Map.of("name", person.sampleName + " (long)", "transcript", person.transcript),
                    person.sampleFile,
                    SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav"));
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
            String sampleId = uploaded.data().get("id").asText();
            JsonNode sample = await(
                    client,
                    "/api/v1/voice/samples/" + sampleId,
                    s -> !s.get("status").asText().equals("processing"));
            assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
            return sampleId;
        }

        @Test
        @Order(1)
        void beforeTheDeletionHerDataIsOnEveryServer() {
            assertThat(objectsOf(hers))
                    .as("her audio and her recording in the bucket")
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(vectorsOwnedBy(hers.userId()))
                    .as("her sample's and her clone's embeddings in Chroma")
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(redisKeysNaming(hers.userId()))
                    .as("her refresh tokens, her library page, her rate-limit bucket")
                    .isNotEmpty();
            assertThat(redisValuesHolding(hers.ids()))
                    .as("her refresh token names her")
                    .isNotEmpty();
            assertThat(StoredData.inAnyTable(app.bean(DataSource.class), List.of(hers.userId(), alice.email)))
                    .as("her rows")
                    .isNotEmpty();
        }

        @Test
        @Order(2)
        void deletingHerAccountLeavesNothingOfHersOnAnyServer() throws Exception {
            PublishingProperties publishing = app.bean(PublishingProperties.class);
            AmqpAdmin broker = app.bean(AmqpAdmin.class);
            later = new Queue(publishing.prefix() + ".after-deletion-test", false, false, false);
            broker.declareQueue(later);
            broker.declareBinding(BindingBuilder.bind(later)
                    .to(new TopicExchange(publishing.eventsExchange()))
                    .with("#"));

            ApiClient.Response deleted =
                    aliceClient.delete("/api/v1/auth/account", Map.of("password", ApiClient.PASSWORD));
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            assertThat(aliceClient.get("/api/v1/auth/profile").status()).isEqualTo(401);

            awaitTrue("her objects leave the bucket", () -> objectsOf(hers).isEmpty(), () -> objectsOf(hers));
            awaitTrue(
                    "her embeddings leave Chroma",
                    () -> vectorsOwnedBy(hers.userId()).isEmpty()
                            && hers.ids().stream()
                                    .allMatch(id ->
                                            app.bean(VectorIndex.class).get(id).isEmpty()),
                    () -> vectorsOwnedBy(hers.userId()));
            awaitTrue(
                    "no Redis key names her or her resources",
                    () -> hers.ids().stream().allMatch(id -> redisKeysNaming(id).isEmpty()),
                    () -> hers.ids().stream()
                            .flatMap(id -> redisKeysNaming(id).stream())
                            .toList());
            List<String> hersInClear = new ArrayList<>(alice.values());
            hersInClear.addAll(hers.ids());
            assertThat(redisValuesHolding(hersInClear))
                    .as("no value under this application's Redis keys holds her id or her data")
                    .isEmpty();
            DataSource data = app.bean(DataSource.class);
            awaitTrue(
                    "no row names her, her job, her sample or her clone outside the tables that may",
                    () -> rowsNaming(data, hers.ids()).isEmpty(),
                    () -> rowsNaming(data, hers.ids()));
            assertThat(new JdbcTemplate(data)
                            .queryForObject(
                                    "SELECT count(*) FROM personal_keys WHERE owner_id = ? AND wrapped_key IS NOT NULL",
                                    Long.class,
                                    hers.userId()))
                    .as("every key of hers destroyed: only tombstones remain")
                    .isZero();
            assertThat(StoredData.inAnyTable(data, alice.values()))
                    .as("none of her values in clear in any table, the event store included")
                    .isEmpty();
            assertThat(StoredData.inClear(data, alice.values())).isEmpty();

            assertThat(laterMessagesHolding(hersInClear))
                    .as("the events published after her deletion (her account's, her resources' removals) carry"
                            + " none of her personal values")
                    .isEmpty();
            broker.deleteQueue(later.getName());
        }

        @Test
        @Order(3)
        void theOtherPersonsDataIsIntactOnEveryServer() {
            assertThat(bobClient.get("/api/v1/auth/profile").data().get("email").asText())
                    .isEqualTo(bob.email);
            assertThat(bobClient
                            .get("/api/v1/job/" + his.jobId())
                            .data()
                            .get("text_content")
                            .asText())
                    .isEqualTo(bob.text);
            assertThat(objectsOf(his)).as("his audio and his recording").hasSizeGreaterThanOrEqualTo(2);
            assertThat(vectorsOwnedBy(his.userId()))
                    .as("his sample's embedding")
                    .isNotEmpty();
            assertThat(redisKeysNaming(his.userId())).as("his refresh tokens").isNotEmpty();
            assertThat(bobClient.get("/api/v1/voice/samples/" + his.sampleId()).status())
                    .isEqualTo(200);
            JsonNode library =
                    bobClient.get("/api/v1/voice/models?favorites_only=true").data();
            assertThat(library.toString()).contains("default_voice_001");
        }

        private List<String> objectsOf(Resources person) {
            return objects().stream()
                    .filter(name -> person.ids().stream().anyMatch(name::contains))
                    .toList();
        }

        /**
         * Chroma's own answer: the ids of the records whose owner is the user, in every collection of this
         * application's (one per embedding size, {@code <collection>_<dims>d}).
         */
        private List<String> vectorsOwnedBy(String userId) {
            ChromaTestServer chroma = ChromaTestServer.shared();
            String collections = "/tenants/default_tenant/databases/default_database/collections";
            List<String> ids = new ArrayList<>();
            for (JsonNode collection : chroma.api("GET", collections + "?limit=1000", null)) {
                if (!collection.get("name").asText().startsWith(database.name() + "_")) {
                    continue;
                }
                JsonNode found = chroma.api(
                        "POST",
                        collections + "/" + collection.get("id").asText() + "/get",
                        Map.of("where", Map.of("owner", userId), "include", List.of("metadatas")));
                found.get("ids").forEach(i -> ids.add(i.asText()));
            }
            return ids;
        }

        /** Every key on the Redis server (any prefix, any application) whose name holds the text. */
        private List<String> redisKeysNaming(String text) {
            StringRedisTemplate redis = app.bean(StringRedisTemplate.class);
            List<String> keys = new ArrayList<>();
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions()
                    .match("*" + text + "*")
                    .count(1000)
                    .build())) {
                cursor.forEachRemaining(keys::add);
            }
            return keys;
        }

        /** The keys under this application's prefixes whose value (of any type) holds one of the texts. */
        private List<String> redisValuesHolding(List<String> texts) {
            StringRedisTemplate redis = app.bean(StringRedisTemplate.class);
            List<String> found = new ArrayList<>();
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions()
                    .match("voxify-it:" + database.name() + ":*")
                    .count(1000)
                    .build())) {
                cursor.forEachRemaining(key -> {
                    String value = switch (redis.type(key)) {
                        case STRING -> String.valueOf(redis.opsForValue().get(key));
                        case HASH -> String.valueOf(redis.opsForHash().entries(key));
                        case SET -> String.valueOf(redis.opsForSet().members(key));
                        case ZSET -> String.valueOf(redis.opsForZSet().range(key, 0, -1));
                        case LIST -> String.valueOf(redis.opsForList().range(key, 0, -1));
                        case STREAM -> String.valueOf(redis.opsForStream().range(key, Range.unbounded()));
                        default -> "";
                    };
                    texts.stream().filter(value::contains).forEach(text -> found.add(key + " holds " + text));
                });
            }
            return found;
        }

        /**
         * The tables that may still name a deleted person's ids (pseudonyms: none holds a personal value, which
         * {@link StoredData#inAnyTable} checks apart), and why. Anything else naming her is a leak.
         */
        private static final Map<String, String> MAY_NAME_HER = Map.of(
                "domain_event_entry",
                "the facts stay for the auditors, every personal field sealed under a destroyed key",
                "audit_aggregate_owner",
                "the event store's index of what she owned, so an auditor finds her (erased) history; rebuilt"
                        + " from the events by a replay",
                "personal_keys",
                "her keys' tombstones, the key material gone (checked below): an erased field reads as erased,"
                        + " not as a missing key",
                "voice_stats_job",
                "which voice her job used, bookkeeping of the voices' usage statistics derived from the events",
                "voice_rating_user",
                "the sequence number of her last rating event, so a redelivered old event cannot put a rating back",
                "voice_rating_tally",
                "her deleted clone's withdrawn tally, so a late rating of it is not counted",
                "user_session_version",
                "her session version, raised by the deletion: it refuses the access tokens she still holds",
                "work_lane",
                "the fair work queue's lock row per user and queue, removed once the lane has been idle for the"
                        + " slot lease (FairBrokerDispatch.promoteAll), longer than this test waits");

        /** The cells naming one of the ids outside the tables that may. */
        private static List<String> rowsNaming(DataSource data, List<String> ids) {
            return StoredData.inAnyTable(data, ids).stream()
                    .filter(cell -> !MAY_NAME_HER.containsKey(cell.substring(0, cell.indexOf('.'))))
                    .toList();
        }

        /**
         * The messages published on the domain-event exchange since the deletion, read until her account's
         * deletion has been seen and the broker stays quiet, each searched (body and headers) for the texts.
         */
        private List<String> laterMessagesHolding(List<String> texts) throws Exception {
            RabbitTemplate consumer = new RabbitTemplate(app.bean(ConnectionFactory.class));
            List<String> found = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int quiet = 0;
            while (System.nanoTime() < end && (quiet < 10 || !seen.contains("UserAccount.AccountDeletedEvent"))) {
                Message m = consumer.receive(later.getName(), 200);
                if (m == null) {
                    quiet++;
                    continue;
                }
                quiet = 0;
                String key = m.getMessageProperties().getReceivedRoutingKey();
                seen.add(key);
                String message = new String(m.getBody(), StandardCharsets.UTF_8) + " "
                        + m.getMessageProperties().getHeaders();
                texts.stream()
                        .filter(text -> !hers.ids().contains(text))
                        .filter(message::contains)
                        .forEach(text -> found.add(key + " holds " + text));
            }
            assertThat(seen)
                    .as("her account's deletion and her resources' removals were published")
                    .contains("UserAccount.AccountDeletedEvent", "SynthesisJob.JobDeletedEvent");
            return found;
        }

        private static void awaitTrue(
                String what, java.util.function.BooleanSupplier condition, java.util.function.Supplier<?> last) {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                if (condition.getAsBoolean()) {
                    return;
                }
                ApiClient.sleep(200);
            }
            throw new AssertionError(what + ": still " + last.get());
        }
    }
}
