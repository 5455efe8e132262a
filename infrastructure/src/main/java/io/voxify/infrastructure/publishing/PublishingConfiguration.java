package io.voxify.infrastructure.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.publishing.rabbit.RabbitEventPublisher;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Domain events go to RabbitMQ's events exchange where work goes through RabbitMQ
 * ({@code voxify.work-queue.type=rabbitmq}, the infra profile); the embedded profile publishes none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "rabbitmq")
@EnableConfigurationProperties(PublishingProperties.class)
public class PublishingConfiguration {

    /** Declared by every node (declarations are idempotent); events to it that nobody has bound yet are fine. */
    @Bean
    Declarables voxifyEventsExchange(PublishingProperties properties) {
        return new Declarables(new TopicExchange(properties.eventsExchange(), true, false));
    }

    @Bean
    RabbitEventPublisher rabbitEventPublisher(
            RabbitTemplate rabbit, ObjectMapper json, PublishingProperties properties) {
        return new RabbitEventPublisher(rabbit, json, properties.eventsExchange());
    }
}
