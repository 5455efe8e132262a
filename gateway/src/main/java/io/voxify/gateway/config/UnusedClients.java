package io.voxify.gateway.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves out Spring Boot's Redis and RabbitMQ clients when no Voxify adapter uses them: each
 * concern picks its adapter by a property (rate limits, refresh tokens, library cache, view
 * fan-out, the streaming audio relay and the announcement of destroyed personal-data keys on Redis; the work queue on RabbitMQ), and the embedded default picks none. Creating the
 * unused clients took about 7 % of the start-up profile (BENCHMARKS.md, start-up). Exclusions set
 * elsewhere ({@code spring.autoconfigure.exclude}) are kept.
 */
public class UnusedClients implements EnvironmentPostProcessor {
    static final String EXCLUDE = "spring.autoconfigure.exclude";

    private static final List<String> REDIS_USERS = List.of(
            "voxify.rate-limits.store",
            "voxify.refresh-tokens.store",
            "voxify.library.cache",
            "voxify.view-updates.fanout",
            "voxify.streaming.relay",
            "voxify.privacy.key-fanout");
    private static final List<String> REDIS = List.of(
            "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration");
    private static final List<String> RABBIT =
            List.of("org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> excluded = new ArrayList<>();
        if (REDIS_USERS.stream()
                .noneMatch(p ->
                        "redis".equalsIgnoreCase(environment.getProperty(p, "").trim()))) {
            excluded.addAll(REDIS);
        }
        if (!"rabbitmq"
                .equalsIgnoreCase(
                        environment.getProperty("voxify.work-queue.type", "").trim())) {
            excluded.addAll(RABBIT);
        }
        if (excluded.isEmpty()) {
            return;
        }
        String existing = environment.getProperty(EXCLUDE, "");
        Arrays.stream(existing.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(excluded::add);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("voxify-unused-clients", Map.of(EXCLUDE, String.join(",", excluded))));
    }
}
