package io.voxify.infrastructure.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.voxify.infrastructure.privacy.PersonalDataCodec;
import io.voxify.infrastructure.queue.memory.InProcessWorkQueue;
import io.voxify.infrastructure.queue.rabbit.FairBrokerDispatch;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkConsumers;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkQueue;
import io.voxify.infrastructure.queue.rabbit.RabbitWorkTopology;
import io.voxify.infrastructure.queue.rabbit.WaitingWorkPromoter;
import java.time.Clock;
import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work queue, chosen by {@code voxify.work-queue.type}: this process's worker pools unless told otherwise, or
 * RabbitMQ ({@code rabbitmq}), where every node publishes and nodes whose role is not {@code api} also consume.
 * The worker side provides the {@link WorkHandlers} and the users' {@link WorkShare}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueProperties.class)
public class QueueConfiguration {

    /** Embedded default: fixed pools of threads in this process. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "in-process", matchIfMissing = true)
    InProcessWorkQueue workQueue(WorkHandlers handlers, QueueProperties properties, WorkShare share) {
        return new InProcessWorkQueue(
                handlers,
                properties.pools(),
                properties.synthesis().backlog(),
                properties.work().backlogPerUser(),
                share);
    }

    /** The broker-backed queue ({@code voxify.work-queue.type=rabbitmq}, the infra profile). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "rabbitmq")
    static class Rabbit {

        @Bean
        RabbitWorkTopology rabbitWorkTopology(QueueProperties properties) {
            return new RabbitWorkTopology(
                    properties.rabbitmq().prefix(),
                    List.copyOf(properties.pools().keySet()));
        }

        @Bean
        Declarables voxifyBrokerLayout(RabbitWorkTopology topology) {
            return topology.declarables();
        }

        @Bean
        FairBrokerDispatch fairBrokerDispatch(JdbcTemplate jdbc, TransactionTemplate transactions, WorkShare share) {
            return new FairBrokerDispatch(jdbc, transactions, share, Clock.systemUTC());
        }

        @Bean
        WaitingWorkPromoter waitingWorkPromoter(FairBrokerDispatch dispatch, QueueProperties properties) {
            return new WaitingWorkPromoter(
                    dispatch,
                    properties.work().promoteInterval(),
                    properties.work().slotLease());
        }

        /** Work must reach a queue: an unroutable message comes back and counts as not queued. */
        @Bean
        RabbitWorkQueue rabbitWorkQueue(
                ConnectionFactory connections,
                ObjectMapper json,
                RabbitWorkTopology topology,
                FairBrokerDispatch dispatch,
                PersonalDataCodec personalData) {
            RabbitTemplate mandatory = new RabbitTemplate(connections);
            mandatory.setMandatory(true);
            mandatory.setReturnsCallback(returned -> {});
            return new RabbitWorkQueue(mandatory, json, topology, dispatch, personalData);
        }

        /** The same queue-depth gauge as the in-process queue, read from the broker at each scrape. */
        @Bean
        MeterBinder rabbitWorkQueueDepth(AmqpAdmin broker, RabbitWorkTopology topology) {
            return registry -> {
                for (String pool : topology.pools()) {
                    String queue = topology.queue(pool);
                    Gauge.builder(InProcessWorkQueue.QUEUE_DEPTH, broker, admin -> depth(admin, queue))
                            .tag("pool", pool)
                            .description("Work items queued for a worker")
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
        RabbitWorkConsumers rabbitWorkConsumers(
                ConnectionFactory connections,
                RabbitWorkTopology topology,
                ObjectMapper json,
                WorkHandlers handlers,
                FairBrokerDispatch dispatch,
                QueueProperties properties) {
            return new RabbitWorkConsumers(
                    connections,
                    topology,
                    json,
                    handlers,
                    dispatch,
                    properties.pools(),
                    properties.rabbitmq().deliveryAttempts(),
                    properties.rabbitmq().firstRedeliveryDelay());
        }
    }
}
