package io.voxify.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnusedClientsTest {
    private static final String REDIS = "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration";
    private static final String RABBIT = "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration";

    private static String excludedWith(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("settings", settings));
        new UnusedClients().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(UnusedClients.EXCLUDE, "");
    }

    @Test
    void theEmbeddedDefaultStartsNeitherClient() {
        assertThat(excludedWith(Map.of("voxify.rate-limits.store", "memory", "voxify.work-queue.type", "in-process")))
                .contains(REDIS, RABBIT);
    }

    @Test
    void anyAdapterOnRedisKeepsRedisAndTheRabbitQueueKeepsRabbit() {
        for (String user : new String[] {
            "voxify.rate-limits.store",
            "voxify.refresh-tokens.store",
            "voxify.library.cache",
            "voxify.view-updates.fanout",
            "voxify.streaming.relay",
            "voxify.privacy.key-fanout"
        }) {
            assertThat(excludedWith(Map.of(user, "redis")))
                    .as(user)
                    .doesNotContain(REDIS)
                    .contains(RABBIT);
        }
        assertThat(excludedWith(Map.of("voxify.work-queue.type", "rabbitmq")))
                .doesNotContain(RABBIT)
                .contains(REDIS);
        assertThat(excludedWith(Map.of("voxify.work-queue.type", "rabbitmq", "voxify.library.cache", "redis")))
                .isEmpty();
    }

    @Test
    void exclusionsSetElsewhereAreKept() {
        assertThat(excludedWith(Map.of(UnusedClients.EXCLUDE, "com.example.SomeAutoConfiguration")))
                .contains("com.example.SomeAutoConfiguration", REDIS, RABBIT);
    }
}
