package io.voxify.saga.work.rabbit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.saga.clone.CloneWorker;
import io.voxify.saga.job.SynthesisWorker;
import io.voxify.saga.sample.SampleProcessingWorker;
import io.voxify.saga.training.TrainingWorker;
import java.time.Duration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.voxify.saga.work.InProcessWorkQueue;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import io.voxify.saga.work.WorkShare;

/**
 * The broker-backed work queue ({@code voxify.work-queue.type=rabbitmq}). Every node publishes;
 * nodes whose role is not {@code api} also consume.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "rabbitmq")
public class RabbitWorkConfiguration {

    @Bean
    RabbitWorkTopology rabbitWorkTopology(@Value("${voxify.rabbitmq.prefix:voxify}") String prefix) {
        return new RabbitWorkTopology(prefix);
    }

    @Bean
    Declarables voxifyBrokerLayout(RabbitWorkTopology topology) {
        return topology.declarables();
    }

    @Bean
    FairBrokerDispatch fairBrokerDispatch(JdbcTemplate jdbc, TransactionTemplate transactions, WorkShare share) {
        return new FairBrokerDispatch(jdbc, transactions, share, java.time.Clock.systemUTC());
    }

    @Bean
    WaitingWorkPromoter waitingWorkPromoter(FairBrokerDispatch dispatch,
                                            @Value("${voxify.work.promote-interval:PT2S}") Duration interval,
                                            @Value("${voxify.work.slot-lease:PT2H}") Duration lease) {
        return new WaitingWorkPromoter(dispatch, interval, lease);
    }

    /** Work must reach a queue: an unroutable message comes back and counts as not queued. */
    @Bean
    RabbitWorkQueue rabbitWorkQueue(ConnectionFactory connections, ObjectMapper json, RabbitWorkTopology topology,
                                    FairBrokerDispatch dispatch) {
        RabbitTemplate mandatory = new RabbitTemplate(connections);
        mandatory.setMandatory(true);
        mandatory.setReturnsCallback(returned -> { });
        return new RabbitWorkQueue(mandatory, json, topology, dispatch);
    }

    /** The same queue-depth gauge as the in-process queue, read from the broker at each scrape. */
    @Bean
    MeterBinder rabbitWorkQueueDepth(AmqpAdmin broker, RabbitWorkTopology topology) {
        return registry -> {
            for (var pool : java.util.Map.of("synthesis", topology.synthesisQueue(), "voice", topology.voiceQueue())
                    .entrySet()) {
                Gauge.builder(InProcessWorkQueue.QUEUE_DEPTH, broker, admin -> depth(admin, pool.getValue()))
                        .tag("pool", pool.getKey()).description("Work items queued for a worker")
                        .register(registry);
            }
        };
    }

    private static double depth(AmqpAdmin broker, String queue) {
        try {
            QueueInformation info = broker.getQueueInfo(queue);
            return info == null ? Double.NaN : info.getMessageCount();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    @Bean
    @ConditionalOnExpression("'${voxify.role:all}' != 'api'")
    RabbitWorkConsumers rabbitWorkConsumers(ConnectionFactory connections, RabbitWorkTopology topology,
                                            ObjectMapper json, SynthesisWorker synthesis,
                                            SampleProcessingWorker samples, CloneWorker clones,
                                            TrainingWorker training, FairBrokerDispatch dispatch,
                                            @Value("${voxify.synthesis.worker-threads:0}") int threads,
                                            @Value("${voxify.voice.worker-threads:1}") int voiceThreads,
                                            @Value("${voxify.rabbitmq.delivery-attempts:4}") int attempts,
                                            @Value("${voxify.rabbitmq.first-redelivery-delay:PT1S}") Duration delay) {
        int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        return new RabbitWorkConsumers(connections, topology, json, synthesis, samples, clones, training, dispatch, size,
                Math.max(1, voiceThreads), attempts, delay);
    }
}
