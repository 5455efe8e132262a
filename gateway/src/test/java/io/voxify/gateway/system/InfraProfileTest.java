package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RabbitBroker;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.infrastructure.PostgresDatabase;
import io.voxify.infrastructure.publishing.PublishingProperties;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkQueue;
import io.voxify.infrastructure.storage.s3.S3TestServer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

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
        assertThat(objects)
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
}
