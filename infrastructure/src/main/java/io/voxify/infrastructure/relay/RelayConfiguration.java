package io.voxify.infrastructure.relay;

import io.voxify.infrastructure.relay.memory.AudioStreams;
import io.voxify.infrastructure.relay.redis.RedisAudioRelay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The audio relay, chosen by {@code voxify.streaming.relay}: this process's memory unless told otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamingProperties.class)
public class RelayConfiguration {

    /**
     * Running jobs' audio for streaming readers in this process, within a byte budget, kept for a grace period
     * after each attempt ends: the embedded default.
     */
    @Bean
    @ConditionalOnProperty(name = "voxify.streaming.relay", havingValue = "memory", matchIfMissing = true)
    AudioStreams audioStreams(StreamingProperties properties) {
        return new AudioStreams(properties.bufferBytes(), properties.grace());
    }

    /**
     * Several nodes (the infra profile): running jobs' audio goes from the worker node that synthesises them
     * through Redis to whichever API node streams them.
     */
    @Bean
    @ConditionalOnProperty(name = "voxify.streaming.relay", havingValue = "redis")
    AudioRelay redisAudioRelay(StringRedisTemplate redis, StreamingProperties properties) {
        return new RedisAudioRelay(
                redis, properties.redisPrefix(), properties.timeout(), properties.grace(), properties.relayMaxBytes());
    }
}
