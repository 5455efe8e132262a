package io.voxify.gateway.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message monitors, tagged so that a scrape stays small. Event processors are tagged by
 * processor only: every processor sees every event type, so a payload-type tag as well would
 * multiply their series by the number of event types, ignored ones included (a scrape of half a
 * megabyte after one job). The buses and the event store keep the payload type, which tells
 * which command or query is slow. Axon's timers also publish client-side quantiles, which
 * Prometheus cannot aggregate across instances; they are dropped, count, sum and max remain.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetrics {
    private static final String EVENT_PROCESSOR = "eventProcessor";
    private static final Pattern AXON_TIMER = Pattern.compile("\\w+\\.(all|success|failure|ignored)Timer");

    /**
     * Replaces the module Axon's auto-configuration would register (it backs off when one exists),
     * so {@code axon.metrics.micrometer.dimensional} has no say: these monitors are always tagged.
     */
    @Bean
    MetricsConfigurerModule axonMessageMonitors(GlobalMetricRegistry metrics) {
        return new MetricsConfigurerModule(metrics, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(config -> (type, name) -> monitor(metrics, type, name));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> monitor(GlobalMetricRegistry metrics, Class<?> type, String name) {
        if (EventProcessor.class.isAssignableFrom(type)) {
            Function<Message<?>, Iterable<Tag>> processor = message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, name);
            return (MessageMonitor<Message<?>>) metrics.registerEventProcessor(EVENT_PROCESSOR, processor, processor);
        }
        return (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(type, name);
    }

    @Bean
    MeterFilter axonTimersWithoutQuantiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getType() == Meter.Type.TIMER
                                && AXON_TIMER.matcher(id.getName()).matches()
                        ? DistributionStatisticConfig.builder()
                                .percentiles()
                                .build()
                                .merge(config)
                        : config;
            }
        };
    }
}
