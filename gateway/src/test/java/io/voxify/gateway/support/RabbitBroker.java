package io.voxify.gateway.support;

import io.voxify.infrastructure.publishing.PublishingProperties;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkConsumers;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkTopology;
import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;

/** Test helpers for the machine's RabbitMQ (127.0.0.1:5672, guest/guest). */
public final class RabbitBroker {

    private RabbitBroker() {}

    /** Removes the queues and exchanges a test application declared under its own prefix. */
    public static void deleteLayout(RunningApp app) {
        app.bean(RabbitWorkConsumers.class).stop();
        RabbitWorkTopology topology = app.bean(RabbitWorkTopology.class);
        AmqpAdmin admin = app.bean(AmqpAdmin.class);
        for (String queue : topology.queues()) {
            admin.deleteQueue(queue);
            admin.deleteQueue(topology.deadQueue(queue));
        }
        for (String exchange : List.of(
                topology.workExchange(),
                topology.deadLetterExchange(),
                app.bean(PublishingProperties.class).eventsExchange())) {
            admin.deleteExchange(exchange);
        }
    }
}
