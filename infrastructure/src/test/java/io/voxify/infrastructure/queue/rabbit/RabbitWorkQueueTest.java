package io.voxify.infrastructure.queue.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.PostgresDatabase;
import io.voxify.infrastructure.privacy.MemoryPersonalKeys;
import io.voxify.infrastructure.privacy.PersonalDataCodec;
import io.voxify.infrastructure.queue.QueueProperties;
import io.voxify.infrastructure.queue.Work;
import io.voxify.infrastructure.queue.WorkHandlers;
import io.voxify.infrastructure.queue.WorkItem;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.infrastructure.queue.WorkQueueContract;
import io.voxify.infrastructure.queue.WorkShare;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker adapter on the machine's RabbitMQ (127.0.0.1:5672, guest/guest) and PostgreSQL, under a prefix of
 * its own: the contract, and messages that were queued by earlier versions (their layout never changes).
 */
class RabbitWorkQueueTest extends WorkQueueContract {
    private final ObjectMapper json = new ObjectMapper();
    private final PersonalDataCodec personalData = new PersonalDataCodec(new MemoryPersonalKeys());
    private PostgresDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private CachingConnectionFactory connections;
    private RabbitAdmin admin;
    private RabbitWorkTopology topology;
    private RabbitWorkConsumers consumers;

    @BeforeEach
    void setUp() {
        database = new PostgresDatabase();
        DriverManagerDataSource source = new DriverManagerDataSource(database.url(), PostgresDatabase.USER, "");
        jdbc = new JdbcTemplate(source);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(source));
        FairBrokerDispatchTest.createTables(jdbc);
        connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        admin = new RabbitAdmin(connections);
        topology = new RabbitWorkTopology(
                "voxify-test-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(QueueProperties.SYNTHESIS_POOL, QueueProperties.VOICE_POOL));
        // In the order listed: exchanges, then each queue before its bindings.
        for (Declarable declarable : topology.declarables().getDeclarables()) {
            if (declarable instanceof Exchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue queue) {
                admin.declareQueue(queue);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        }
    }

    @Override
    protected WorkQueue queue(WorkHandlers handlers, WorkShare share) {
        FairBrokerDispatch dispatch = new FairBrokerDispatch(jdbc, transactions, share, Clock.systemUTC());
        RabbitTemplate mandatory = new RabbitTemplate(connections);
        mandatory.setMandatory(true);
        mandatory.setReturnsCallback(returned -> {});
        RabbitWorkQueue queue = new RabbitWorkQueue(mandatory, json, topology, dispatch, personalData);
        Map<String, Integer> threads = new LinkedHashMap<>();
        topology.pools().forEach(pool -> threads.put(pool, 2));
        consumers = new RabbitWorkConsumers(
                connections, topology, json, handlers, dispatch, threads, 4, Duration.ofMillis(100));
        consumers.start();
        return queue;
    }

    @AfterEach
    void tearDown() {
        if (consumers != null) {
            consumers.stop();
        }
        for (String queue : topology.queues()) {
            admin.deleteQueue(queue);
            admin.deleteQueue(topology.deadQueue(queue));
        }
        admin.deleteExchange(topology.workExchange());
        admin.deleteExchange(topology.deadLetterExchange());
        connections.destroy();
        database.close();
    }

    /**
     * The address of the request that started a piece of work is personal: it waits on the broker and in the
     * database (here the second item, held back by its owner's share of one) sealed under its person's key, and
     * the handler gets it sealed, to carry on into the events the work causes, where it opens.
     */
    @Test
    void theClientAddressInAnItemsMetadataTravelsSealed() throws Exception {
        String address = "203.0.113.219";
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Work> handled = new LinkedBlockingQueue<>();
        WorkQueue queue = queue(
                new WorkHandlers(Map.of("hold", work -> {
                    handled.add(work);
                    try {
                        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })),
                () -> 1);
        Map<String, Object> metadata = Map.of("correlationId", "c-7", "userId", "alice", "clientAddress", address);
        for (String id : List.of("first", "second")) {
            assertThat(queue.submit(
                            new WorkItem(QueueProperties.VOICE_POOL, "hold", id, 1, null, "alice", null, metadata)))
                    .isTrue();
        }
        Work first = handled.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        List<String> waiting = jdbc.queryForList("SELECT payload FROM work_waiting", String.class);
        assertThat(waiting)
                .singleElement()
                .satisfies(payload ->
                        assertThat(payload).contains("c-7").contains("$sealed").doesNotContain(address));
        release.countDown();
        Work second = handled.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        for (Work work : List.of(first, second)) {
            assertThat(work.metadata().get("clientAddress")).isInstanceOf(Map.class);
            assertThat(work.metadata().toString()).doesNotContain(address);
            assertThat(personalData.openMetadata(work.metadata(), new ArrayList<>()))
                    .containsEntry("clientAddress", address)
                    .containsEntry("correlationId", "c-7");
        }
    }

    /** A payload as the sample work carries one. */
    record SampleTask(String sampleId, String processingJobId, String userId, String blobKey) {}

    /**
     * A sample message exactly as the code before the generic queue wrote it (its slot taken under its message
     * id): its handler gets its payload, and its slot goes back to its owner when it is done.
     */
    @Test
    void aMessageQueuedByEarlierVersionsIsHandledAndFreesItsSlot() throws Exception {
        BlockingQueue<Work> handled = new LinkedBlockingQueue<>();
        BlockingQueue<SampleTask> tasks = new LinkedBlockingQueue<>();
        queue(
                new WorkHandlers(Map.of("sample", work -> {
                    tasks.add(work.payload(SampleTask.class));
                    handled.add(work);
                })),
                () -> 1);
        String voiceQueue = topology.queue(QueueProperties.VOICE_POOL);
        String key = "sample:s-1:p-9";
        jdbc.update(
                "INSERT INTO work_slot (item_key, lane_key, acquired_at) VALUES (?, ?, ?)",
                key,
                FairBrokerDispatch.lane(voiceQueue, "alice"),
                System.currentTimeMillis());
        String body = "{\"kind\":\"sample\",\"id\":\"s-1\",\"sample\":{\"sampleId\":\"s-1\",\"processingJobId\":"
                + "\"p-9\",\"userId\":\"alice\",\"blobKey\":\"samples/s-1.wav\"},\"metadata\":{\"correlationId\":"
                + "\"c-1\"},\"userId\":\"alice\"}";
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(key);
        new RabbitTemplate(connections)
                .send(
                        topology.workExchange(),
                        voiceQueue,
                        new Message(body.getBytes(StandardCharsets.UTF_8), properties));

        Work work = handled.poll(20, TimeUnit.SECONDS);
        assertThat(work).isNotNull();
        assertThat(work.id()).isEqualTo("s-1");
        assertThat(work.attempt()).isNull();
        assertThat(work.userId()).isEqualTo("alice");
        assertThat(work.metadata()).containsEntry("correlationId", "c-1");
        assertThat(tasks.poll()).isEqualTo(new SampleTask("s-1", "p-9", "alice", "samples/s-1.wav"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (jdbc.queryForObject("SELECT count(*) FROM work_slot", Integer.class) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_slot", Integer.class))
                .isZero();
    }
}
