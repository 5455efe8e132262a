package io.voxify.gateway.persistence;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import java.util.Optional;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
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

    /**
     * db-scheduler runs Axon's deadlines and would stop only when its bean is destroyed, after Axon has shut down:
     * a deadline due in between found no deadline manager, failed, and was put off by five minutes (a webhook
     * retry due across a restart came that late). {@link DeadlineSchedulerShutdown} stops it first instead; the
     * bean's own destroy method is taken away so it is not stopped twice.
     */
    @Bean
    DeadlineSchedulerShutdown deadlineSchedulerShutdown(Scheduler scheduler) {
        return new DeadlineSchedulerShutdown(scheduler);
    }

    @Bean
    static BeanFactoryPostProcessor schedulerStoppedByItsShutdown() {
        return beans -> {
            if (beans.containsBeanDefinition(DeadlineSchedulerShutdown.SCHEDULER_BEAN)) {
                beans.getBeanDefinition(DeadlineSchedulerShutdown.SCHEDULER_BEAN)
                        .setDestroyMethodName(null);
            }
        };
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }
}
