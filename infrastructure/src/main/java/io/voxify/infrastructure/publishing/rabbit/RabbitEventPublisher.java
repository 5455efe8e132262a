package io.voxify.infrastructure.publishing.rabbit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.publishing.EventPublisher;
import io.voxify.infrastructure.publishing.PublishedEvent;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Events to a topic exchange: routing key {@code <AggregateType>.<EventType>} (e.g.
 * {@code SynthesisJob.JobCompletedEvent}; {@code Event.<EventType>} for an event of no aggregate), the event's
 * JSON as a persistent body, its id as the message id, its type as the message type, its time as the timestamp,
 * and as headers its aggregate ({@code voxify-aggregate-type}, {@code voxify-aggregate-id},
 * {@code voxify-sequence}) and each metadata entry ({@code voxify-meta-<key>}). An event counts as published
 * when the broker confirms it.
 */
public class RabbitEventPublisher implements EventPublisher {
    private static final long CONFIRM_TIMEOUT_SECONDS = 10;
    private static final String NO_AGGREGATE = "Event";

    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final String exchange;

    public RabbitEventPublisher(RabbitTemplate rabbit, ObjectMapper json, String exchange) {
        this.rabbit = rabbit;
        this.json = json;
        this.exchange = exchange;
    }

    /** The exchange events go to. */
    public String exchange() {
        return exchange;
    }

    @Override
    public void publish(PublishedEvent event) throws InterruptedException {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(event.id());
        properties.setType(event.type());
        properties.setTimestamp(Date.from(event.timestamp()));
        String aggregateType = NO_AGGREGATE;
        if (event.aggregate() != null) {
            aggregateType = event.aggregate().type();
            properties.setHeader("voxify-aggregate-type", aggregateType);
            properties.setHeader("voxify-aggregate-id", event.aggregate().id());
            properties.setHeader("voxify-sequence", event.aggregate().sequence());
        }
        event.metadata().forEach((key, value) -> properties.setHeader("voxify-meta-" + key, value));
        Message message;
        try {
            message = new Message(json.writeValueAsBytes(event.payload()), properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + event.id(), e);
        }
        CorrelationData confirm = new CorrelationData(event.id());
        rabbit.send(exchange, aggregateType + "." + event.type(), message, confirm);
        CorrelationData.Confirm ack;
        try {
            ack = confirm.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not confirm event " + event.id(), e);
        }
        if (!ack.isAck()) {
            throw new IllegalStateException("The broker did not take event " + event.id() + ": " + ack.getReason());
        }
    }
}
