package io.voxify.saga.work.rabbit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The broker's layout, declared by every node (declarations are idempotent): a direct exchange
 * with a durable queue for synthesis and one for voice work (samples, clones, training); what
 * fails for good goes through the dead-letter exchange to a parking queue an operator can
 * inspect and move back; domain events go to a topic exchange for analytics consumers. Every
 * name starts with a configurable prefix, so installations (and test runs) can share a broker.
 */
public record RabbitWorkTopology(String prefix) {

    public String workExchange() {
        return prefix + ".work";
    }

    public String deadLetterExchange() {
        return prefix + ".work.dlx";
    }

    public String synthesisQueue() {
        return prefix + ".work.synthesis";
    }

    public String voiceQueue() {
        return prefix + ".work.voice";
    }

    public String eventsExchange() {
        return prefix + ".events";
    }

    public String deadQueue(String queue) {
        return queue + ".dead";
    }

    public Declarables declarables() {
        DirectExchange work = new DirectExchange(workExchange(), true, false);
        DirectExchange dead = new DirectExchange(deadLetterExchange(), true, false);
        List<Declarable> all = new ArrayList<>(List.of(work, dead, new TopicExchange(eventsExchange(), true, false)));
        for (String name : List.of(synthesisQueue(), voiceQueue())) {
            Queue queue = QueueBuilder.durable(name).deadLetterExchange(deadLetterExchange())
                    .deadLetterRoutingKey(name).build();
            Queue parked = QueueBuilder.durable(deadQueue(name)).build();
            all.add(queue);
            all.add(parked);
            all.add(BindingBuilder.bind(queue).to(work).with(name));
            all.add(BindingBuilder.bind(parked).to(dead).with(name));
        }
        return new Declarables(all);
    }
}
