package io.voxify.gateway.config;

import io.voxify.events.common.AxonNames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event processors: one tracking thread each with batches of 100 (on SQLite, more segments only
 * contend for the single connection; single-event batches let projections fall seconds behind).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AxonProperties.class)
public class AxonConfiguration {

    @Bean
    ConfigurerModule trackingProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingTrackingEventProcessors()
                // Clean-ups must not skip an event: a failure stops and retries the processor.
                .registerListenerInvocationErrorHandler("audio-cleanup", c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("voice-data-cleanup", c -> PropagatingErrorHandler.instance())
                // An account's erasure must not skip a step: a failure stops the processor, which tries again.
                .registerListenerInvocationErrorHandler("account-erasure", c -> PropagatingErrorHandler.instance())
                // Analytics consumers get every event: a broker outage stops the publisher, never skips.
                .registerListenerInvocationErrorHandler("event-publisher", c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialSegmentsCount(1)));
    }

    /**
     * The event store as Axon's auto-configuration makes it, but with how long its reader waits before it looks
     * for events again when it has none ({@code voxify.events.poll-interval}). Events this node stores wake
     * its processors at once whatever the interval; events another node stores (the infra profile) are seen
     * only at the next look, so with Axon's default of a second a job completed on a worker node reached the
     * API node's read model up to a second late (BENCHMARKS.md, streaming, two nodes). The infra profile looks
     * every 100 ms: one small indexed query per node and interval when idle.
     */
    @Bean
    static BeanPostProcessor eventStorePollInterval(
            ObjectProvider<EventStorageEngine> storageEngine,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            ObjectProvider<AxonProperties> properties) {
        // Axon's own event store, rebuilt with the interval: defining the bean instead would also switch off
        // the auto-configured JPA storage engine it is built on.
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                // Axon's auto-configuration names it eventBus (it is both), qualified as eventStore.
                if (!(bean instanceof EmbeddedEventStore)) {
                    return bean;
                }
                Duration interval = properties.getObject().events().pollInterval();
                org.axonframework.config.Configuration configuration = axon.getObject();
                org.slf4j.LoggerFactory.getLogger(AxonConfiguration.class)
                        .debug("The event store looks for new events every {} ms", interval.toMillis());
                return EmbeddedEventStore.builder()
                        .storageEngine(storageEngine.getObject())
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                        .fetchDelay(Math.max(1, interval.toMillis()))
                        .timeUnit(TimeUnit.MILLISECONDS)
                        .build();
            }
        };
    }

    /**
     * Jobs stay loaded between their commands on the embedded default, where this process handles
     * every command: without it, each of a job's dozen commands read all its events back from
     * SQLite (the profile of the pipeline benchmark showed aggregate loading as the biggest part of
     * command handling). Where several nodes handle commands for the same job (the infra profile:
     * the API node creates it, a worker node runs it), a node's cached copy could miss another
     * node's events, so there is no cache.
     */
    @Bean(AxonNames.SYNTHESIS_JOB_CACHE)
    Cache synthesisJobCache(AxonProperties properties) {
        return properties.commands().aggregateCache() ? new WeakReferenceCache() : NoCache.INSTANCE;
    }
}
