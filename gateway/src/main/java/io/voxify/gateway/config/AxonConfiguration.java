package io.voxify.gateway.config;

import io.voxify.command.job.SynthesisJob;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event processors: one tracking thread each with batches of 100 (on SQLite, more segments only
 * contend for the single connection; single-event batches let projections fall seconds behind).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    ConfigurerModule trackingProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingTrackingEventProcessors()
                // Clean-ups must not skip an event: a failure stops and retries the processor.
                .registerListenerInvocationErrorHandler("audio-cleanup", c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("voice-data-cleanup", c -> PropagatingErrorHandler.instance())
                // Analytics consumers get every event: a broker outage stops the publisher, never skips.
                .registerListenerInvocationErrorHandler("event-publisher", c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(config ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialSegmentsCount(1)));
    }

    /**
     * Jobs stay loaded between their commands on the embedded default, where this process handles
     * every command: without it, each of a job's dozen commands read all its events back from
     * SQLite (the profile of the pipeline benchmark showed aggregate loading as the biggest part of
     * command handling). Where several nodes handle commands for the same job (the infra profile:
     * the API node creates it, a worker node runs it), a node's cached copy could miss another
     * node's events, so there is no cache.
     */
    @Bean(SynthesisJob.CACHE)
    Cache synthesisJobCache(@Value("${voxify.commands.aggregate-cache:false}") boolean enabled) {
        return enabled ? new WeakReferenceCache() : NoCache.INSTANCE;
    }
}
