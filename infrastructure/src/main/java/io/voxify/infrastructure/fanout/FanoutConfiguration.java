package io.voxify.infrastructure.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.fanout.redis.RedisViewFanout;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Several nodes ({@code voxify.view-updates.fanout=redis}, the infra profile): every node
 * publishes the view updates its projections make and emits the others' to its own
 * subscribers, so SSE streams and requests awaiting a view work on any API node.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "voxify.view-updates.fanout", havingValue = "redis")
@EnableConfigurationProperties(FanoutProperties.class)
public class FanoutConfiguration {
    private static final Logger log = LoggerFactory.getLogger(FanoutConfiguration.class);

    @Bean
    ViewFanout redisViewFanout(StringRedisTemplate redis, ObjectMapper json, FanoutProperties properties) {
        return new RedisViewFanout(redis, json, properties.channel());
    }

    @Bean
    RedisMessageListenerContainer viewUpdateListener(
            RedisConnectionFactory connections,
            ViewUpdateReceiver views,
            ObjectMapper json,
            FanoutProperties properties) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // In the subscription's own thread, one message after another: updates of a view must
        // arrive in the order they were made (subscribers drop any older than the last they saw).
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(
                (message, pattern) -> {
                    try {
                        views.receive(json.readValue(
                                new String(message.getBody(), StandardCharsets.UTF_8), ViewFanout.ViewUpdate.class));
                    } catch (Exception unreadable) {
                        log.warn("Dropped a view update from another node: {}", unreadable.toString());
                    }
                },
                new ChannelTopic(properties.channel()));
        return container;
    }
}
