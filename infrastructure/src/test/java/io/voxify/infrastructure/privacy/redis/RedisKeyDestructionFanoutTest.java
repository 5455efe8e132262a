package io.voxify.infrastructure.privacy.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.privacy.CachedPersonalKeys;
import io.voxify.infrastructure.privacy.KeyWrapping;
import io.voxify.infrastructure.privacy.PersonalKeys;
import io.voxify.infrastructure.privacy.ReadCountingKeys;
import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes, each a key cache with its own Redis connections, over one key table (SQLite in a temporary
 * directory), against the real Redis on 127.0.0.1:6379. The caches keep keys for an hour here, so only the
 * announcement can make a node forget a key within the test. Pub/sub delivers one publisher's messages in order,
 * so "nothing was announced" is shown by a later announcement arriving alone.
 */
class RedisKeyDestructionFanoutTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String channel = "voxify-test:" + UUID.randomUUID() + ":destroyed-keys";
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private final List<RedisMessageListenerContainer> listeners = new ArrayList<>();
    private SingleConnectionDataSource dataSource;
    private TransactionTemplate transaction;
    private JdbcPersonalKeys table;
    private Node a;
    private Node b;

    /** A node: its key cache, how often that cache asked the table, and every announcement it heard. */
    private record Node(
            CachedPersonalKeys keys,
            RedisKeyDestructionFanout fanout,
            AtomicInteger tableReads,
            List<List<String>> heard) {

        List<String> heardIds() {
            return heard.stream().flatMap(Collection::stream).toList();
        }
    }

    private LettuceConnectionFactory connect() {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        return factory;
    }

    private void listen(RedisMessageListenerContainer listener) {
        listener.afterPropertiesSet();
        listener.start();
        listeners.add(listener);
    }

    private Node node() {
        LettuceConnectionFactory connections = connect();
        RedisKeyDestructionFanout fanout = new RedisKeyDestructionFanout(new StringRedisTemplate(connections), channel);
        AtomicInteger reads = new AtomicInteger();
        CachedPersonalKeys keys = new CachedPersonalKeys(counting(reads), 10_000, Duration.ofHours(1), fanout);
        List<List<String>> heard = new CopyOnWriteArrayList<>();
        listen(fanout.listener(connections, ids -> {
            heard.add(ids);
            keys.destroyedElsewhere(ids);
        }));
        return new Node(keys, fanout, reads, heard);
    }

    /** The shared table, counting the reads one node's cache makes of it. */
    private PersonalKeys counting(AtomicInteger reads) {
        return new ReadCountingKeys(table, reads);
    }

    @BeforeEach
    void start() {
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("keys.db"), true);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        table = new JdbcPersonalKeys(dataSource, KeyWrapping.newKey(), Clock.systemUTC());
        a = node();
        b = node();
        // Pub/sub drops what comes before a subscription is in place: each node hears the other once first.
        heardBy(b, a.fanout(), "probe:" + UUID.randomUUID());
        heardBy(a, b.fanout(), "probe:" + UUID.randomUUID());
        a.heard().clear();
        b.heard().clear();
    }

    @AfterEach
    void stop() throws Exception {
        for (RedisMessageListenerContainer listener : listeners) {
            listener.destroy();
        }
        factories.forEach(LettuceConnectionFactory::destroy);
        dataSource.destroy();
    }

    /** Announces a key id that no node has, and waits until {@code node} has heard it. */
    private static void heardBy(Node node, RedisKeyDestructionFanout from, String marker) {
        from.announce(List.of(marker));
        await().atMost(WAIT).until(() -> node.heardIds().contains(marker));
    }

    /** The key, now cached on the node: asking again does not read the table. */
    private static SecretKey cachedOn(Node node, String keyId) {
        SecretKey key = node.keys().find(keyId).orElseThrow();
        int reads = node.tableReads().get();
        assertThat(node.keys().find(keyId)).contains(key);
        assertThat(node.tableReads()).as("served from the cache").hasValue(reads);
        return key;
    }

    @Test
    void aKeyDestroyedOnOneNodeStopsOpeningOnTheOtherOnceTheDestructionCommits() {
        a.keys().obtain("job:1", "a");
        cachedOn(b, "job:1");

        transaction.executeWithoutResult(status -> {
            assertThat(a.keys().destroy("job:1")).isTrue();
            // A later announcement arriving alone shows that the destruction was not announced before its commit.
            heardBy(b, a.fanout(), "probe:in-transaction");
            assertThat(b.heardIds()).containsExactly("probe:in-transaction");
        });

        await().atMost(WAIT).until(() -> b.keys().find("job:1").isEmpty());
        assertThat(b.heardIds()).containsExactly("probe:in-transaction", "job:1");
    }

    @Test
    void everyKeyOfADeletedOwnerStopsOpeningOnTheOtherNodeAndOtherOwnersKeysStayCached() {
        List<String> owned = List.of("user:a", "job:a1", "sample:a2");
        owned.forEach(id -> a.keys().obtain(id, "a"));
        a.keys().obtain("user:b", "b");
        a.keys().obtain("job:b1", "b");
        owned.forEach(id -> cachedOn(b, id));
        SecretKey bsKey = cachedOn(b, "user:b");
        SecretKey bsJob = cachedOn(b, "job:b1");

        assertThat(a.keys().destroyOwnedBy("a")).containsExactlyInAnyOrderElementsOf(owned);

        await().atMost(WAIT)
                .until(() -> owned.stream().allMatch(id -> b.keys().find(id).isEmpty()));
        int reads = b.tableReads().get();
        assertThat(b.keys().find("user:b")).contains(bsKey);
        assertThat(b.keys().find("job:b1")).contains(bsJob);
        assertThat(b.tableReads())
                .as("the other owner's keys still served from the cache")
                .hasValue(reads);
    }

    @Test
    void aRolledBackDestructionAnnouncesNothing() {
        a.keys().obtain("job:1", "a");
        a.keys().obtain("job:2", "a");
        SecretKey kept = cachedOn(b, "job:1");
        cachedOn(b, "job:2");

        transaction.executeWithoutResult(status -> {
            assertThat(a.keys().destroy("job:1")).isTrue();
            status.setRollbackOnly();
        });
        assertThat(a.keys().destroy("job:2")).isTrue();

        await().atMost(WAIT).until(() -> b.keys().find("job:2").isEmpty());
        assertThat(b.heardIds()).containsExactly("job:2");
        int reads = b.tableReads().get();
        assertThat(b.keys().find("job:1")).contains(kept);
        assertThat(b.tableReads()).as("job:1 still served from the cache").hasValue(reads);
        assertThat(a.keys().find("job:1"))
                .as("the key is live: its destruction rolled back")
                .contains(kept);
    }

    @Test
    void aKeyAlreadyDestroyedIsNotAnnouncedAgain() {
        a.keys().obtain("job:1", "a");
        a.keys().obtain("job:2", "a");
        assertThat(a.keys().destroy("job:1")).isTrue();
        await().atMost(WAIT).until(() -> b.heardIds().contains("job:1"));

        assertThat(a.keys().destroy("job:1")).isFalse();
        assertThat(a.keys().destroy("job:2")).isTrue();

        await().atMost(WAIT).until(() -> b.heardIds().contains("job:2"));
        assertThat(b.heardIds()).containsExactly("job:1", "job:2");
    }

    @Test
    void manyKeysOfOneOwnerGoOutInSeveralMessagesAndAllStopOpening() {
        List<String> owned = IntStream.range(0, RedisKeyDestructionFanout.MAX_IDS_PER_MESSAGE + 1)
                .mapToObj(i -> "job:many-" + i)
                .toList();
        transaction.executeWithoutResult(status -> owned.forEach(id -> a.keys().obtain(id, "many")));
        transaction.executeWithoutResult(status -> owned.forEach(id -> b.keys().find(id)));

        a.keys().destroyOwnedBy("many");

        await().atMost(WAIT).until(() -> b.heardIds().size() == owned.size());
        assertThat(b.heard()).hasSize(2);
        assertThat(b.heardIds()).containsExactlyInAnyOrderElementsOf(owned);
        assertThat(owned).allSatisfy(id -> assertThat(b.keys().find(id)).isEmpty());
    }

    @Test
    void aMessageCarriesTheDestroyedKeyIdsAndNothingElse() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        RedisMessageListenerContainer raw = new RedisMessageListenerContainer();
        raw.setConnectionFactory(connect());
        raw.addMessageListener(
                (message, pattern) -> bodies.add(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(channel));
        listen(raw);
        heardBy(b, a.fanout(), "probe:raw-listening");
        await().atMost(WAIT).until(() -> bodies.size() == 1);

        a.keys().obtain("user:a", "a");
        a.keys().obtain("job:a1", "a");
        a.keys().destroyOwnedBy("a");

        await().atMost(WAIT).until(() -> bodies.size() == 2);
        JsonNode message = JSON.readTree(bodies.get(1));
        List<String> fields = new ArrayList<>();
        message.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("origin", "key_ids");
        assertThat(message.get("key_ids"))
                .extracting(JsonNode::textValue)
                .containsExactlyInAnyOrder("user:a", "job:a1");
    }

    @Test
    void aMalformedMessageIsLoggedAndDroppedAndTheNextOneStillHeard() {
        a.keys().obtain("job:1", "a");
        a.keys().obtain("job:2", "a");
        SecretKey kept = cachedOn(b, "job:1");
        cachedOn(b, "job:2");
        Logger logger = (Logger) LoggerFactory.getLogger(RedisKeyDestructionFanout.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            StringRedisTemplate other = new StringRedisTemplate(connect());
            List<String> malformed = List.of(
                    "job:1",
                    "[\"job:1\"]",
                    "{\"key_ids\":[\"job:1\"]}",
                    "{\"origin\":7,\"key_ids\":[\"job:1\"]}",
                    "{\"origin\":\"elsewhere\"}",
                    "{\"origin\":\"elsewhere\",\"key_ids\":\"job:1\"}",
                    "{\"origin\":\"elsewhere\",\"key_ids\":[]}",
                    "{\"origin\":\"elsewhere\",\"key_ids\":[\"job:1\",1]}",
                    "{\"origin\":\"elsewhere\",\"key_ids\":[\"job:1\",\" \"]}",
                    "{\"origin\":\"elsewhere\",\"key_ids\":[\"job:1\",\"" + "x".repeat(201) + "\"]}",
                    "{\"origin\":\"elsewhere\",\"key_ids\":" + manyIds(501) + "}");
            malformed.forEach(body -> other.convertAndSend(channel, body));
            other.convertAndSend(channel, "{\"origin\":\"elsewhere\",\"key_ids\":[\"job:2\"]}");

            await().atMost(WAIT).until(() -> b.heardIds().contains("job:2"));
            assertThat(b.heardIds()).containsExactly("job:2");
            int reads = b.tableReads().get();
            assertThat(b.keys().find("job:1")).contains(kept);
            assertThat(b.tableReads()).as("job:1 still served from the cache").hasValue(reads);
            assertThat(b.keys().find("job:2"))
                    .as("though the table still has it")
                    .isPresent();
            assertThat(b.tableReads())
                    .as("job:2 forgotten: read from the table again")
                    .hasValue(reads + 1);

            // Both nodes listen on the channel, and each drops each malformed message.
            await().atMost(WAIT).until(() -> logged.list.size() >= 2 * malformed.size());
            assertThat(logged.list)
                    .allSatisfy(event -> assertThat(event.getFormattedMessage())
                            .startsWith("Dropped a key-destruction message on " + channel)
                            .doesNotContain("job:1"));
        } finally {
            logger.detachAppender(logged);
        }
    }

    private static String manyIds(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> "\"job:" + i + "\"")
                .toList()
                .toString()
                .replace(" ", "");
    }
}
