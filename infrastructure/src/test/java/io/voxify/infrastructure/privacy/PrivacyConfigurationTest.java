package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.voxify.infrastructure.privacy.redis.RedisKeyDestructionFanout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How {@code voxify.privacy.key-fanout} wires the key cache: no announcements on one node, the Redis adapter and
 * its listener (real Redis on 127.0.0.1:6379) on several, and a clear refusal of anything else.
 */
class PrivacyConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final String channel = "voxify-test:" + UUID.randomUUID() + ":destroyed-keys";
    private SingleConnectionDataSource dataSource;

    @BeforeEach
    void open() {
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("keys.db"), true);
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    /** A node over the one shared database, with the same master key as every other. */
    private ApplicationContextRunner node(String master, String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(PrivacyConfiguration.class)
                .withBean(DataSource.class, () -> dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource))
                .withUserConfiguration(Redis.class)
                .withPropertyValues("voxify.data-dir=" + dir, "voxify.privacy.master-key=" + master)
                .withPropertyValues(properties);
    }

    /** What Spring Boot's Redis auto-configuration gives a node, each node its own connections. */
    @Configuration(proxyBeanMethods = false)
    static class Redis {
        @Bean
        LettuceConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        }

        @Bean
        StringRedisTemplate stringRedisTemplate(RedisConnectionFactory connections) {
            return new StringRedisTemplate(connections);
        }
    }

    private static String master() {
        return Base64.getEncoder().encodeToString(KeyWrapping.newKey().getEncoded());
    }

    @Test
    void oneNodeAnnouncesNothingAndListensToNothing() {
        node(master()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(CachedPersonalKeys.class);
            assertThat(context).doesNotHaveBean(KeyDestructionFanout.class);
            assertThat(context).doesNotHaveBean(RedisMessageListenerContainer.class);
        });
    }

    @Test
    void aMisspeltFanoutIsRefusedAtStart() {
        node(master(), "voxify.privacy.key-fanout=rediss")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessage("voxify.privacy.key-fanout must be none or redis, not 'rediss'"));
    }

    @Test
    void withRedisAKeyDestroyedOnOneNodeStopsOpeningOnTheOther() {
        String master = master();
        String[] redis = {"voxify.privacy.key-fanout=redis", "voxify.privacy.key-fanout-channel=" + channel};
        node(master, redis)
                .run(a -> node(master, redis).run(b -> {
                    assertThat(a).hasSingleBean(RedisKeyDestructionFanout.class);
                    assertThat(b).hasSingleBean(RedisMessageListenerContainer.class);
                    awaitSubscribers(b, 2);
                    PersonalKeys onA = a.getBean(PersonalKeys.class);
                    PersonalKeys onB = b.getBean(PersonalKeys.class);
                    onA.obtain("user:a", "a");
                    onA.obtain("user:b", "b");
                    assertThat(onB.find("user:a")).isPresent();
                    assertThat(onB.find("user:b")).isPresent();

                    assertThat(onA.destroyOwnedBy("a")).containsExactly("user:a");

                    await().atMost(WAIT).until(() -> onB.find("user:a").isEmpty());
                    assertThat(onB.find("user:b")).isPresent();
                }));
    }

    /** Pub/sub drops what comes before a subscription: waits until both nodes listen on the channel. */
    private void awaitSubscribers(ConfigurableApplicationContext context, long nodes) {
        RedisConnectionFactory connections = context.getBean(RedisConnectionFactory.class);
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        await().atMost(WAIT).until(() -> subscribers(redis) >= nodes);
    }

    @SuppressWarnings("unchecked")
    private long subscribers(StringRedisTemplate redis) {
        return redis.execute((RedisCallback<Long>) connection -> {
            var commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            try {
                return commands.pubsubNumsub(channel.getBytes(StandardCharsets.UTF_8)).get().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("PUBSUB NUMSUB failed", e);
            }
        });
    }
}
