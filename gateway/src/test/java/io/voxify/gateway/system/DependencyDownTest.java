package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With Redis unreachable, the API answers 503 in the envelope (never a 500) and the process stays up. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyDownTest {
    private RunningApp app;

    @BeforeAll
    void start() {
        app = RunningApp.start(
                RunningApp.tempDir("voxify-redis-down-"),
                Map.of(
                        "voxify.rate-limits.store", "redis",
                        "voxify.refresh-tokens.store", "redis",
                        "spring.data.redis.url", "redis://127.0.0.1:1",
                        "spring.data.redis.timeout", "500ms"));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void everyApiRequestAnswers503WhileRedisIsDown() {
        for (ApiClient.Response r : new ApiClient.Response[] {
            app.client()
                    .post("/api/v1/auth/register", Map.of("email", "down@example.com", "password", ApiClient.PASSWORD)),
            app.client().post("/api/v1/auth/login", Map.of("email", "down@example.com", "password", ApiClient.PASSWORD))
        }) {
            assertThat(r.status()).as(r.text()).isEqualTo(503);
            assertThat(r.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(r.header("Retry-After")).isNotNull();
        }
        assertThat(app.client().get("/api/v1/voice/models").status())
                .as("no token: still 401")
                .isEqualTo(401);
        assertThat(app.client().get("/actuator/health/liveness").status())
                .as("the process itself is alive")
                .isEqualTo(200);
    }
}
