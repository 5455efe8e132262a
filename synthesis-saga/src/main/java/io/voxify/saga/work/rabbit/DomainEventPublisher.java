package io.voxify.saga.work.rabbit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.voxify.saga.events.SecretFields;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Every domain event, in order, to the events topic exchange for analytics consumers: routing
 * key {@code <AggregateType>.<EventType>} (e.g. {@code SynthesisJob.JobCompletedEvent}), the
 * event's JSON as the body (secrets such as password hashes redacted), its id as the message id (consumers drop duplicates by it), and its
 * aggregate, sequence, time and metadata as headers. A tracking processor of its own: a broker
 * outage stops it (the error propagates) and it resumes where it stopped, so no event is skipped.
 */
@Component
@ProcessingGroup(DomainEventPublisher.PROCESSING_GROUP)
@ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "rabbitmq")
public class DomainEventPublisher {
    public static final String PROCESSING_GROUP = "event-publisher";
    /** Metadata that identifies a person's connection, not the business fact: kept out of the analytics stream. */
    private static final java.util.Set<String> PERSONAL_METADATA = java.util.Set.of("clientAddress");

    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final RabbitWorkTopology topology;

    public DomainEventPublisher(RabbitTemplate rabbit, ObjectMapper json, RabbitWorkTopology topology) {
        this.rabbit = rabbit;
        this.json = json;
        this.topology = topology;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws JsonProcessingException, InterruptedException,
            ExecutionException, TimeoutException {
        String type = event.getPayloadType().getSimpleName();
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(event.getIdentifier());
        properties.setType(type);
        properties.setTimestamp(java.util.Date.from(event.getTimestamp()));
        String aggregateType = "Event";
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType() == null ? aggregateType : domain.getType();
            properties.setHeader("voxify-aggregate-type", aggregateType);
            properties.setHeader("voxify-aggregate-id", domain.getAggregateIdentifier());
            properties.setHeader("voxify-sequence", domain.getSequenceNumber());
        }
        event.getMetaData().forEach((key, value) -> {
            if (!PERSONAL_METADATA.contains(key)) {
                properties.setHeader("voxify-meta-" + key, String.valueOf(value));
            }
        });
        Message message = new Message(json.writeValueAsBytes(SecretFields.redact(json.valueToTree(payload))),
                properties);
        CorrelationData confirm = new CorrelationData(event.getIdentifier());
        rabbit.send(topology.eventsExchange(), aggregateType + "." + type, message, confirm);
        CorrelationData.Confirm ack = confirm.getFuture().get(10, TimeUnit.SECONDS);
        if (!ack.isAck()) {
            throw new IllegalStateException("The broker did not take event " + event.getIdentifier() + ": "
                    + ack.getReason());
        }
    }
}
