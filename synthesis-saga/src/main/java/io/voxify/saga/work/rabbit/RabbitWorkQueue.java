package io.voxify.saga.work.rabbit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.saga.clone.CloneWorkQueue;
import io.voxify.saga.job.SynthesisWorkQueue;
import io.voxify.saga.sample.SampleTask;
import io.voxify.saga.sample.SampleWorkQueue;
import io.voxify.saga.training.TrainingWorkQueue;
import io.voxify.saga.work.WorkCorrelation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The infra profile's work queue: every piece of work is a persistent message on a durable
 * RabbitMQ queue, taken by whichever worker process is free. A message counts as queued only
 * when the broker confirms it; when the broker cannot be reached the saga is told the queue is
 * full and tries again later, as with the in-process queue.
 */
public class RabbitWorkQueue implements SynthesisWorkQueue, SampleWorkQueue, CloneWorkQueue, TrainingWorkQueue {
    private static final Logger log = LoggerFactory.getLogger(RabbitWorkQueue.class);
    private static final long CONFIRM_TIMEOUT_SECONDS = 5;

    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final RabbitWorkTopology topology;

    public RabbitWorkQueue(RabbitTemplate rabbit, ObjectMapper json, RabbitWorkTopology topology) {
        this.rabbit = rabbit;
        this.json = json;
        this.topology = topology;
    }

    @Override
    public boolean submit(String jobId, String userId, int attempt) {
        return publish(topology.synthesisQueue(), new WorkMessage(WorkMessage.SYNTHESIS, jobId, attempt, null,
                new HashMap<>(WorkCorrelation.capture())));
    }

    @Override
    public boolean submitSample(SampleTask task) {
        return publish(topology.voiceQueue(), new WorkMessage(WorkMessage.SAMPLE, task.sampleId(), null, task,
                new HashMap<>(WorkCorrelation.capture())));
    }

    @Override
    public boolean submitClone(String cloneId, String userId, int attempt) {
        return publish(topology.voiceQueue(), new WorkMessage(WorkMessage.CLONE, cloneId, attempt, null,
                new HashMap<>(WorkCorrelation.capture())));
    }

    @Override
    public boolean submitTraining(String trainingJobId, String userId) {
        return publish(topology.voiceQueue(), new WorkMessage(WorkMessage.TRAINING, trainingJobId, null, null,
                new HashMap<>(WorkCorrelation.capture())));
    }

    private boolean publish(String queue, WorkMessage work) {
        try {
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            properties.setMessageId(work.kind() + ":" + work.id() + ":" + work.attempt());
            Message message = new Message(json.writeValueAsString(work).getBytes(StandardCharsets.UTF_8), properties);
            CorrelationData confirm = new CorrelationData(properties.getMessageId());
            rabbit.send(topology.workExchange(), queue, message, confirm);
            CorrelationData.Confirm ack = confirm.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ack.isAck() || confirm.getReturned() != null) {
                log.warn("Broker refused {} {}: {}", work.kind(), work.id(), ack.getReason());
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise work message", e);
        } catch (AmqpException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Could not queue {} {}: {}", work.kind(), work.id(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
