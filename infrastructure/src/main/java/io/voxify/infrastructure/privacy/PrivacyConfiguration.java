package io.voxify.infrastructure.privacy;

import io.voxify.infrastructure.DataDirectories;
import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import io.voxify.infrastructure.privacy.redis.RedisKeyDestructionFanout;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Crypto-shredding of personal data in the event store: the key store (a table of the application's database;
 * the port lets a KMS or Vault adapter follow), the event serializer that seals personal values, and the upcaster
 * that opens them, first in the chain. With several nodes ({@code voxify.privacy.key-fanout=redis}, the infra
 * profile) a key destroyed on one is announced to the others, which drop it from their caches.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PrivacyProperties.class, DataDirectories.class})
public class PrivacyConfiguration {
    /** Axon's name for the event store's serializer (its auto-configuration qualifies the bean so). */
    static final String EVENT_SERIALIZER = "eventSerializer";

    /** The current master key and, during a rotation, the previous ones ({@link MasterKeyRotation}). */
    @Bean
    MasterKeys personalDataMasterKeys(PrivacyProperties properties, DataDirectories directories) {
        return MasterKeyRotation.masterKeys(properties, keptMasterKey(directories), properties.rotateMasterKey());
    }

    @Bean
    CachedPersonalKeys personalKeys(
            DataSource dataSource,
            MasterKeys masters,
            PrivacyProperties properties,
            ObjectProvider<KeyDestructionFanout> fanout) {
        return new CachedPersonalKeys(
                new JdbcPersonalKeys(dataSource, masters, Clock.systemUTC()),
                properties.keyCacheSize(),
                properties.keyCacheTtl(),
                fanout.getIfAvailable(() -> KeyDestructionFanout.NONE));
    }

    /** Several nodes: destroyed keys announced to the others on a Redis channel, and theirs heard. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "voxify.privacy.key-fanout", havingValue = "redis")
    static class RedisKeyFanout {

        @Bean
        RedisKeyDestructionFanout redisKeyDestructionFanout(StringRedisTemplate redis, PrivacyProperties properties) {
            return new RedisKeyDestructionFanout(redis, properties.keyFanoutChannel());
        }

        @Bean
        RedisMessageListenerContainer destroyedKeysListener(
                RedisKeyDestructionFanout fanout, RedisConnectionFactory connections, CachedPersonalKeys keys) {
            return fanout.listener(connections, keys);
        }
    }

    @Bean
    MasterKeyRotation masterKeyRotation(
            DataSource dataSource, MasterKeys masters, PrivacyProperties properties, DataDirectories directories) {
        return new MasterKeyRotation(
                () -> new JdbcPersonalKeys(dataSource, masters, Clock.systemUTC()),
                MasterKeyRotation.configured(properties) ? null : keptMasterKey(directories));
    }

    private static java.nio.file.Path keptMasterKey(DataDirectories directories) {
        return directories.dataDir().resolve("keys").resolve("personal-data-master.key");
    }

    @Bean
    PersonalDataCodec personalDataCodec(PersonalKeys keys) {
        return new PersonalDataCodec(keys);
    }

    /** For personal values kept outside the event store, such as the callback URL a webhook saga retries. */
    @Bean
    SealedValues sealedValues(PersonalKeys keys) {
        return new KeyedSealedValues(keys);
    }

    @Bean
    PersonalDataMigration personalDataMigration(
            DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions,
            PersonalDataCodec codec,
            PersonalKeys keys) {
        return new PersonalDataMigration(dataSource, transactions, codec, keys);
    }

    /** Wraps the serializer Axon's auto-configuration made for events, keeping everything it configured. */
    @Bean
    static BeanPostProcessor personalDataEventSerializer(ObjectProvider<PersonalDataCodec> codec) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (EVENT_SERIALIZER.equals(name) && bean instanceof JacksonSerializer jackson) {
                    return new PersonalDataSerializer(jackson, codec.getObject());
                }
                return bean;
            }
        };
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    PersonalDataUpcaster personalDataUpcaster(PersonalDataCodec codec) {
        return new PersonalDataUpcaster(codec);
    }
}
