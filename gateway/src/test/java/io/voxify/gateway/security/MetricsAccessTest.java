package io.voxify.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus scrape is for the operator's scraper only: with the scrape token, or on a
 * management port of its own. Health stays public either way.
 */
class MetricsAccessTest {

    @Test
    void withAScrapeTokenOnlyTheTokenOpensTheMetrics() {
        RunningApp app = RunningApp.shared();
        ApiClient anonymous = app.client();

        ApiClient.Response none = anonymous.get("/actuator/prometheus");
        assertThat(none.status()).as(none.text()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(none.json().get("success").asBoolean()).isFalse();
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous
                        .get("/actuator/prometheus", Map.of("Authorization", "Bearer wrong"))
                        .status())
                .isEqualTo(401);
        assertThat(anonymous
                        .get(
                                "/actuator/prometheus",
                                Map.of("Authorization", "Bearer " + RunningApp.METRICS_TOKEN + "x"))
                        .status())
                .isEqualTo(401);
        assertThat(anonymous
                        .get("/actuator/prometheus", Map.of("Authorization", RunningApp.METRICS_TOKEN))
                        .status())
                .as("the token goes in a bearer header")
                .isEqualTo(401);
        ApiClient user = app.client().newUser();
        assertThat(user.get("/actuator/prometheus").status())
                .as("a user's access token is not a scrape token")
                .isEqualTo(401);

        ApiClient.Response scraped = app.scrape();
        assertThat(scraped.status()).as(scraped.text()).isEqualTo(200);
        assertThat(scraped.text()).contains("http_server_requests_seconds_count");
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheApplicationPortHasNoMetricsAndTheManagementPortHasThem() {
        try (RunningApp samePort =
                RunningApp.start(RunningApp.tempDir("voxify-metrics-"), Map.of("voxify.security.metrics-token", ""))) {
            ApiClient.Response hidden = samePort.client().get("/actuator/prometheus");
            assertThat(hidden.status()).as(hidden.text()).isEqualTo(404);
            assertThat(hidden.errorCode()).isEqualTo("NOT_FOUND");
            assertThat(samePort.client().get("/actuator/health").status()).isEqualTo(200);
        }

        try (RunningApp separate = RunningApp.start(
                RunningApp.tempDir("voxify-metrics-"),
                Map.of(
                        "voxify.security.metrics-token",
                        "",
                        "management.server.port",
                        0,
                        "management.server.address",
                        "127.0.0.1"))) {
            ApiClient.Response onTheApplicationPort = separate.client().get("/actuator/prometheus");
            assertThat(onTheApplicationPort.status())
                    .as(onTheApplicationPort.text())
                    .isEqualTo(404);
            assertThat(onTheApplicationPort.errorCode()).isEqualTo("NOT_FOUND");

            int port = separate.bean(MetricsScrapeAccess.class).managementPort();
            assertThat(port).isPositive().isNotEqualTo(separate.port());
            ApiClient management = new ApiClient("http://127.0.0.1:" + port);
            ApiClient.Response scraped = management.get("/actuator/prometheus");
            assertThat(scraped.status()).as(scraped.text()).isEqualTo(200);
            assertThat(scraped.text()).contains("jvm_memory_used_bytes");
            assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        }
    }
}
