package io.voxify.infrastructure.queue.rabbit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.privacy.PersonalDataCodec;
import io.voxify.infrastructure.queue.WorkItem;
import io.voxify.infrastructure.queue.WorkQueue;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The infra profile's work queue: every piece of work is a persistent message ({@link WorkMessage}) on its
 * pool's durable RabbitMQ queue, taken by whichever worker process is free, and each user has at most a share of
 * each queue at once ({@link FairBrokerDispatch}). A message counts as queued only when the broker confirms it;
 * when the broker cannot be reached the caller is told the queue is full and tries again later, as with the
 * in-process queue. A message may wait on the broker, or in the database for its owner's share, for a while: the
 * personal part of its correlation metadata (the address of the request that started the work) travels sealed,
 * as the event store keeps it, and the events the work causes store it as it came.
 */
public class RabbitWorkQueue implements WorkQueue {
    private static final Logger log = LoggerFactory.getLogger(RabbitWorkQueue.class);
    private static final long CONFIRM_TIMEOUT_SECONDS = 5;

    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final RabbitWorkTopology topology;
    private final FairBrokerDispatch dispatch;
    private final PersonalDataCodec personalData;

    public RabbitWorkQueue(
            RabbitTemplate rabbit,
            ObjectMapper json,
            RabbitWorkTopology topology,
            FairBrokerDispatch dispatch,
            PersonalDataCodec personalData) {
        this.rabbit = rabbit;
        this.json = json;
        this.topology = topology;
        this.dispatch = dispatch;
        this.personalData = personalData;
        dispatch.publishWith(this::publish);
    }

    @Override
    public boolean submit(WorkItem item) {
        String queue = topology.queue(item.pool());
        WorkMessage work = new WorkMessage(
                item.kind(),
                item.id(),
                item.attempt(),
                item.payload() == null ? null : json.valueToTree(item.payload()),
                sealed(item.metadata()),
                item.userId());
        return queue(queue, work, item.key());
    }

    private Map<String, Object> sealed(Map<String, Object> metadata) {
        Map<String, Object> sealed = metadata == null ? null : personalData.sealMetadata(metadata);
        return sealed == null ? metadata : sealed;
    }

    /** Through the owner's share: published now, or kept until the owner's earlier work has left the queue. */
    private boolean queue(String queue, WorkMessage work, String key) {
        byte[] body;
        try {
            body = work.toJson(json);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise work message", e);
        }
        try {
            return dispatch.submit(queue, work.userId(), key, body);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Could not queue {} {}: {}", work.kind(), work.id(), e.toString());
            return false;
        }
    }

    private boolean publish(String queue, String messageId, byte[] body) {
        try {
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            properties.setMessageId(messageId);
            Message message = new Message(body, properties);
            CorrelationData confirm = new CorrelationData(messageId);
            rabbit.send(topology.workExchange(), queue, message, confirm);
            CorrelationData.Confirm ack = confirm.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ack.isAck() || confirm.getReturned() != null) {
                log.warn("Broker refused {}: {}", messageId, ack.getReason());
                return false;
            }
            return true;
        } catch (AmqpException | ExecutionException | TimeoutException e) {
            log.warn("Could not queue {}: {}", messageId, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
