package io.voxify.gateway.persistence;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import java.util.Optional;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    /** db-scheduler knows PostgreSQL by itself; SQLite needs its LIMIT syntax spelled out. */
    @Bean
    DbSchedulerCustomizer sqliteScheduler(DataSourceProperties dataSource) {
        boolean sqlite = dataSource.getUrl().startsWith("jdbc:sqlite:");
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<JdbcCustomization> jdbcCustomization() {
                return sqlite ? Optional.of(new SQLiteJdbcCustomization()) : Optional.empty();
            }
        };
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }
}
