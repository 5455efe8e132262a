package io.voxify.gateway.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
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
}
