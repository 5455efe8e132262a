package io.voxify.saga.work.rabbit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.saga.clone.CloneWorker;
import io.voxify.saga.job.SynthesisWorker;
import io.voxify.saga.sample.SampleProcessingWorker;
import io.voxify.saga.training.TrainingWorker;
import io.voxify.saga.work.WorkCorrelation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.RejectAndDontRequeueRecoverer;
import org.springframework.context.SmartLifecycle;

/**
 * A worker node's consumers: competing for the work queues, one message at a time per thread.
 * A message is acknowledged only after the worker returned, that is after its result was
 * recorded as a command; if the process dies first, the broker gives the message to another
 * worker. A redelivered synthesis message first releases the attempt the lost worker had
 * claimed (the saga then schedules the next attempt), so no job is left processing. Failures of
 * the platform itself (say the database briefly down) are retried with back-off, then parked in
 * the dead-letter queue. Either way, once a message leaves its queue for good its slot in the owner's
 * share goes to the owner's next waiting item ({@link FairBrokerDispatch#finished}).
 */
public class RabbitWorkConsumers implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RabbitWorkConsumers.class);

    private final List<SimpleMessageListenerContainer> containers;
    private final ObjectMapper json;
    private final SynthesisWorker synthesis;
    private final SampleProcessingWorker samples;
    private final CloneWorker clones;
    private final TrainingWorker training;
    private final FairBrokerDispatch dispatch;
    private volatile boolean running;

    public RabbitWorkConsumers(ConnectionFactory connections, RabbitWorkTopology topology, ObjectMapper json,
                               SynthesisWorker synthesis, SampleProcessingWorker samples, CloneWorker clones,
                               TrainingWorker training, FairBrokerDispatch dispatch, int synthesisThreads,
                               int voiceThreads, int maxAttempts, Duration firstRetry) {
        this.json = json;
        this.synthesis = synthesis;
        this.samples = samples;
        this.clones = clones;
        this.training = training;
        this.dispatch = dispatch;
        this.containers = List.of(
                container(connections, topology.synthesisQueue(), synthesisThreads, maxAttempts, firstRetry),
                container(connections, topology.voiceQueue(), voiceThreads, maxAttempts, firstRetry));
    }

    private SimpleMessageListenerContainer container(ConnectionFactory connections, String queue, int threads,
                                                     int maxAttempts, Duration firstRetry) {
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
            work = json.readValue(message.getBody(), WorkMessage.class);
        } catch (IOException unreadable) {
            throw new org.springframework.amqp.AmqpRejectAndDontRequeueException("Unreadable work message", unreadable);
        }
        boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().getRedelivered());
        Map<String, Object> metadata = work.metadata() == null ? Map.of() : work.metadata();
        WorkCorrelation.runWith(metadata, () -> run(work, redelivered));
    }

    /** The message is done with (run, or given up on): its owner's share has room for the next. */
    private void leave(String queue, Message message) {
        WorkMessage work;
        try {
            work = json.readValue(message.getBody(), WorkMessage.class);
        } catch (IOException unreadable) {
            return; // never counted against anyone: its slot, if any, expires with its lease
        }
        try {
            dispatch.finished(queue, work.userId(), work.itemKey());
        } catch (RuntimeException e) {
            log.warn("The slot of {} was not released now; the periodic promotion will: {}", work.itemKey(),
                    e.toString());
        }
    }

    private void run(WorkMessage work, boolean redelivered) {
        switch (work.kind()) {
            case WorkMessage.SYNTHESIS -> {
                if (redelivered) {
                    log.info("Job {} attempt {} redelivered: its worker was lost", work.id(), work.attempt());
                    synthesis.releaseLostAttempt(work.id(), work.attempt());
                }
                synthesis.run(work.id(), work.attempt());
            }
            case WorkMessage.SAMPLE -> samples.run(work.sample());
            case WorkMessage.CLONE -> clones.run(work.id(), work.attempt());
            case WorkMessage.TRAINING -> training.run(work.id());
            default -> throw new org.springframework.amqp.AmqpRejectAndDontRequeueException(
                    "Unknown work kind " + work.kind());
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
