package io.voxify.gateway.limits;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded profile keeps rate-limit buckets in memory (one node). */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    RateLimiter localRateLimiter() {
        return new LocalRateLimiter();
    }
}
