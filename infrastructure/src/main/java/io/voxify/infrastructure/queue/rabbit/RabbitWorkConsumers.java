package io.voxify.infrastructure.queue.rabbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.queue.Work;
import io.voxify.infrastructure.queue.WorkHandler;
import io.voxify.infrastructure.queue.WorkHandlers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.RejectAndDontRequeueRecoverer;
import org.springframework.context.SmartLifecycle;

/**
 * A worker node's consumers: competing for the pools' queues, one message at a time per thread, each handed
 * to the handler of its kind. A message is acknowledged only after the handler returned, that is after its
 * result was recorded; if the process dies first, the broker gives the message to another worker, marked as
 * redelivered ({@link Work#redelivered()}), so the handler can release what the lost worker had claimed.
 * Failures of the platform itself (say the database briefly down) are retried with back-off, then parked in
 * the dead-letter queue. Either way, once a message leaves its queue for good its slot in the owner's share
 * goes to the owner's next waiting item ({@link FairBrokerDispatch#finished}).
 */
public class RabbitWorkConsumers implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RabbitWorkConsumers.class);

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private final ObjectMapper json;
    private final WorkHandlers handlers;
    private final FairBrokerDispatch dispatch;
    private volatile boolean running;

    /** @param threads the consumers per pool, by pool name */
    public RabbitWorkConsumers(
            ConnectionFactory connections,
            RabbitWorkTopology topology,
            ObjectMapper json,
            WorkHandlers handlers,
            FairBrokerDispatch dispatch,
            Map<String, Integer> threads,
            int maxAttempts,
            Duration firstRetry) {
        this.json = json;
        this.handlers = handlers;
        this.dispatch = dispatch;
        threads.forEach((pool, count) ->
                containers.add(container(connections, topology.queue(pool), count, maxAttempts, firstRetry)));
    }

    private SimpleMessageListenerContainer container(
            ConnectionFactory connections, String queue, int threads, int maxAttempts, Duration firstRetry) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setConcurrentConsumers(threads);
        container.setPrefetchCount(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setMissingQueuesFatal(false);
        container.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxAttempts(maxAttempts)
                .backOffOptions(firstRetry.toMillis(), 2.0, firstRetry.toMillis() * 8)
                .recoverer((message, cause) -> {
                    leave(queue, message);
                    new RejectAndDontRequeueRecoverer().recover(message, cause);
                })
                .build());
        container.setMessageListener(message -> {
            handle(message);
            leave(queue, message);
        });
        container.setAutoStartup(false);
        container.afterPropertiesSet();
        return container;
    }

    void handle(Message message) {
        WorkMessage work;
        try {
            work = WorkMessage.fromJson(json, message.getBody());
        } catch (IOException unreadable) {
            throw new AmqpRejectAndDontRequeueException("Unreadable work message", unreadable);
        }
        WorkHandler handler = handlers.handler(work.kind());
        if (handler == null) {
            throw new AmqpRejectAndDontRequeueException("Unknown work kind " + work.kind());
        }
        boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().getRedelivered());
        handler.handle(new Delivered(work, redelivered, json));
    }

    /** The message is done with (run, or given up on): its owner's share has room for the next. */
    private void leave(String queue, Message message) {
        WorkMessage work;
        try {
            work = WorkMessage.fromJson(json, message.getBody());
        } catch (IOException unreadable) {
            return; // never counted against anyone: its slot, if any, expires with its lease
        }
        String key = key(message, work);
        try {
            dispatch.finished(queue, work.userId(), key);
        } catch (RuntimeException e) {
            log.warn("The slot of {} was not released now; the periodic promotion will: {}", key, e.toString());
        }
    }

    /**
     * The key of the message's slot: its message id, which the queue set to the item's key when it published it
     * (and which the broker keeps through dead-lettering and moves). A message without one was not published by
     * the queue; its slot, if any, expires with its lease.
     */
    private static String key(Message message, WorkMessage work) {
        String id = message.getMessageProperties().getMessageId();
        return id != null ? id : work.kind() + ":" + work.id() + ":" + work.attempt();
    }

    /** A work message as its handler sees it: the payload is read from the message's JSON in the type asked for. */
    private record Delivered(WorkMessage message, boolean redelivered, ObjectMapper json) implements Work {

        @Override
        public String kind() {
            return message.kind();
        }

        @Override
        public String id() {
            return message.id();
        }

        @Override
        public Integer attempt() {
            return message.attempt();
        }

        @Override
        public String userId() {
            return message.userId();
        }

        @Override
        public Map<String, Object> metadata() {
            return message.metadata() == null ? Map.of() : message.metadata();
        }

        @Override
        public <T> T payload(Class<T> type) {
            JsonNode payload = message.payload();
            if (payload == null) {
                return null;
            }
            try {
                return json.treeToValue(payload, type);
            } catch (IOException unreadable) {
                throw new AmqpRejectAndDontRequeueException("Unreadable " + message.kind() + " payload", unreadable);
            }
        }
    }

    @Override
    public void start() {
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after everything else (the workers' engines) and stops first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
