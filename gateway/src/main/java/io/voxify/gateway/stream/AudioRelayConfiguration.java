package io.voxify.gateway.stream;

import io.voxify.saga.stream.AudioRelay;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Several nodes ({@code voxify.streaming.relay=redis}, the infra profile): running jobs' audio goes from the
 * worker node that synthesises them through Redis to whichever API node streams them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "voxify.streaming.relay", havingValue = "redis")
public class AudioRelayConfiguration {

    @Bean
    AudioRelay redisAudioRelay(StringRedisTemplate redis,
                               @Value("${voxify.streaming.redis-prefix:voxify:audio:}") String prefix,
                               @Value("${voxify.streaming.timeout:PT15M}") Duration lifetime,
                               @Value("${voxify.streaming.grace:PT60S}") Duration grace,
                               @Value("${voxify.streaming.relay-max-bytes:33554432}") long maxBytes) {
        return new RedisAudioRelay(redis, prefix, lifetime, grace, maxBytes);
    }
}
