package io.voxify.infrastructure.publishing.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.publishing.PublishedEvent;
import io.voxify.infrastructure.publishing.PublishingProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Events on the machine's RabbitMQ (127.0.0.1:5672, guest/guest), under an exchange of their own, as analytics
 * consumers bind to them: by {@code <AggregateType>.<EventType>}, with the event's JSON as the body and its
 * identity, aggregate and metadata in the message's properties.
 */
class RabbitEventPublisherTest {
    private final ObjectMapper json = new ObjectMapper();
    private final PublishingProperties properties = new PublishingProperties(
            "voxify-test-" + UUID.randomUUID().toString().substring(0, 8));
    private CachingConnectionFactory connections;
    private RabbitAdmin admin;
    private RabbitTemplate rabbit;
    private Queue analytics;
    private RabbitEventPublisher publisher;

    @BeforeEach
    void setUp() {
        connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        admin = new RabbitAdmin(connections);
        TopicExchange events = new TopicExchange(properties.eventsExchange(), true, false);
        admin.declareExchange(events);
        analytics = new Queue(properties.prefix() + ".analytics", false, false, true);
        admin.declareQueue(analytics);
        admin.declareBinding(BindingBuilder.bind(analytics).to(events).with("#"));
        rabbit = new RabbitTemplate(connections);
        publisher = new RabbitEventPublisher(rabbit, json, properties.eventsExchange());
    }

    @AfterEach
    void tearDown() {
        admin.deleteQueue(analytics.getName());
        admin.deleteExchange(properties.eventsExchange());
        connections.destroy();
    }

    @Test
    void anAggregatesEventGoesOutUnderItsAggregateAndTypeWithItsIdentityAndMetadata() throws Exception {
        Instant at = Instant.parse("2026-12-07T10:15:30.123Z");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("correlationId", "c-1");
        metadata.put("userId", "alice");
        publisher.publish(new PublishedEvent(
                "e-1",
                "JobCompletedEvent",
                at,
                new PublishedEvent.Aggregate("SynthesisJob", "job-1", 4),
                metadata,
                json.readTree("{\"jobId\":\"job-1\",\"durationMs\":1200}")));

        Message m = rabbit.receive(analytics.getName(), 10_000);
        assertThat(m).isNotNull();
        assertThat(m.getMessageProperties().getReceivedRoutingKey()).isEqualTo("SynthesisJob.JobCompletedEvent");
        assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"jobId\":\"job-1\",\"durationMs\":1200}");
        assertThat(m.getMessageProperties().getMessageId()).isEqualTo("e-1");
        assertThat(m.getMessageProperties().getType()).isEqualTo("JobCompletedEvent");
        assertThat(m.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(m.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        // AMQP timestamps have whole seconds.
        assertThat(m.getMessageProperties().getTimestamp()).isEqualTo(Date.from(Instant.parse("2026-12-07T10:15:30Z")));
        assertThat(m.getMessageProperties().getHeaders())
                .containsEntry("voxify-aggregate-type", "SynthesisJob")
                .containsEntry("voxify-aggregate-id", "job-1")
                .containsEntry("voxify-sequence", 4L)
                .containsEntry("voxify-meta-correlationId", "c-1")
                .containsEntry("voxify-meta-userId", "alice");
    }

    @Test
    void anEventOfNoAggregateGoesOutAsAnEventWithoutAggregateHeaders() throws Exception {
        publisher.publish(new PublishedEvent(
                "e-2", "SettingsChangedEvent", Instant.now(), null, Map.of(), json.readTree("{\"key\":\"value\"}")));

        Message m = rabbit.receive(analytics.getName(), 10_000);
        assertThat(m).isNotNull();
        assertThat(m.getMessageProperties().getReceivedRoutingKey()).isEqualTo("Event.SettingsChangedEvent");
        assertThat(m.getMessageProperties().getHeaders())
                .doesNotContainKeys("voxify-aggregate-type", "voxify-aggregate-id", "voxify-sequence");
    }
}
