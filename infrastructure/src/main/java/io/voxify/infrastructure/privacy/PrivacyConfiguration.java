package io.voxify.infrastructure.privacy;

import io.voxify.infrastructure.DataDirectories;
import io.voxify.infrastructure.SecretFiles;
import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Crypto-shredding of personal data in the event store: the key store (a table of the application's database;
 * the port lets a KMS or Vault adapter follow), the event serializer that seals personal values, and the upcaster
 * that opens them, first in the chain.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PrivacyProperties.class, DataDirectories.class})
public class PrivacyConfiguration {
    /** Axon's name for the event store's serializer (its auto-configuration qualifies the bean so). */
    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    PersonalKeys personalKeys(DataSource dataSource, PrivacyProperties properties, DataDirectories directories) {
        byte[] master = SecretFiles.configuredOrKept(
                properties.masterKey(),
                directories.dataDir().resolve("keys").resolve("personal-data-master.key"),
                KeyWrapping.KEY_BYTES,
                "VOXIFY_PRIVACY_MASTER_KEY");
        return new CachedPersonalKeys(
                new JdbcPersonalKeys(dataSource, KeyWrapping.key(master), Clock.systemUTC()),
                properties.keyCacheSize(),
                properties.keyCacheTtl());
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
            PersonalDataCodec codec) {
        return new PersonalDataMigration(dataSource, transactions, codec);
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
