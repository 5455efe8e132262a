package io.voxify.gateway.persistence;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import java.util.Optional;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    @Bean
    DbSchedulerCustomizer sqliteScheduler() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<JdbcCustomization> jdbcCustomization() {
                return Optional.of(new SQLiteJdbcCustomization());
            }
        };
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLiteDuplicateKeyResolver();
    }
}
