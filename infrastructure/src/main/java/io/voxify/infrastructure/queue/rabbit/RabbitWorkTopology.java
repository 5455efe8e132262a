package io.voxify.infrastructure.queue.rabbit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The broker's layout for work, declared by every node (declarations are idempotent): a direct exchange with a
 * durable queue per worker pool ({@code <prefix>.work.<pool>}, e.g. {@code voxify.work.synthesis}); what fails
 * for good goes through the dead-letter exchange to a parking queue an operator can inspect and move back.
 * Every name starts with a configurable prefix, so installations (and test runs) can share a broker.
 */
public record RabbitWorkTopology(String prefix, List<String> pools) {

    public RabbitWorkTopology {
        pools = List.copyOf(pools);
    }

    public String workExchange() {
        return prefix + ".work";
    }

    public String deadLetterExchange() {
        return prefix + ".work.dlx";
    }

    /** The queue of a worker pool. */
    public String queue(String pool) {
        if (!pools.contains(pool)) {
            throw new IllegalArgumentException("No worker pool " + pool + " (pools: " + pools + ")");
        }
        return prefix + ".work." + pool;
    }

    /** Every pool's queue, in the pools' order. */
    public List<String> queues() {
        return pools.stream().map(this::queue).toList();
    }

    public String deadQueue(String queue) {
        return queue + ".dead";
    }

    public Declarables declarables() {
        DirectExchange work = new DirectExchange(workExchange(), true, false);
        DirectExchange dead = new DirectExchange(deadLetterExchange(), true, false);
        List<Declarable> all = new ArrayList<>(List.of(work, dead));
        for (String name : queues()) {
            Queue queue = QueueBuilder.durable(name)
                    .deadLetterExchange(deadLetterExchange())
                    .deadLetterRoutingKey(name)
                    .build();
            Queue parked = QueueBuilder.durable(deadQueue(name)).build();
            all.add(queue);
            all.add(parked);
            all.add(BindingBuilder.bind(queue).to(work).with(name));
            all.add(BindingBuilder.bind(parked).to(dead).with(name));
        }
        return new Declarables(all);
    }
}
