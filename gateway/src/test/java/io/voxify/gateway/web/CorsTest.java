package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {
    private final RunningApp app = RunningApp.shared();

    private ApiClient.Response preflight(String origin) {
        return app.client()
                .options(
                        "/api/v1/job",
                        Map.of(
                                "Origin",
                                origin,
                                "Access-Control-Request-Method",
                                "POST",
                                "Access-Control-Request-Headers",
                                "authorization,content-type"));
    }

    @Test
    void configuredOriginsPassThePreflightAndOthersDoNot() {
        ApiClient.Response allowed = preflight(RunningApp.ALLOWED_ORIGIN);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(RunningApp.ALLOWED_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");

        ApiClient.Response refused = preflight("https://evil.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }
}
