package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every failure answers in the envelope with the right 4xx, and never shows internals. */
class ErrorEnvelopeTest {
    private final RunningApp app = RunningApp.shared();

    private static void assertEnvelope(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.json().path("error").has("message")).isTrue();
        assertThat(r.json().path("error").has("details")).isTrue();
        assertThat(r.json().has("timestamp")).isTrue();
        assertThat(r.text())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("/work/")
                .doesNotContain("io.voxify");
    }

    @Test
    void malformedJsonIs400() {
        ApiClient user = app.client().newUser();
        assertEnvelope(
                user.raw(
                        "POST",
                        "/api/v1/job",
                        "application/json",
                        "{\"text_content\": \"unterminated".getBytes(StandardCharsets.UTF_8)),
                400,
                "INVALID_JSON");
        assertEnvelope(user.raw("POST", "/api/v1/job", "application/json", "[1,2,3]".getBytes()), 400, "INVALID_JSON");
        assertEnvelope(user.raw("POST", "/api/v1/job", "application/json", new byte[0]), 400, "INVALID_JSON");
        assertEnvelope(
                app.client().raw("POST", "/api/v1/auth/login", "application/json", "{oops".getBytes()),
                400,
                "INVALID_JSON");
    }

    @Test
    void wrongMethodIs405() {
        ApiClient user = app.client().newUser();
        ApiClient.Response r = user.raw("DELETE", "/api/v1/job", null, new byte[0]);
        assertEnvelope(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void unknownRouteIs404() {
        ApiClient user = app.client().newUser();
        assertEnvelope(user.get("/api/v1/nothing/here"), 404, "NOT_FOUND");
        assertEnvelope(app.client().get("/api/v1/nothing/here"), 401, "UNAUTHORIZED");
    }

    @Test
    void oversizedBodyIs413() {
        ApiClient user = app.client().newUser();
        byte[] huge = ("{\"text_content\": \"" + "a".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEnvelope(user.raw("POST", "/api/v1/job", "application/json", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void wrongContentTypeIs415() {
        ApiClient user = app.client().newUser();
        assertEnvelope(
                user.raw("POST", "/api/v1/job", "text/plain", "hello".getBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void typeMismatchesAreValidationErrorsNotServerErrors() {
        ApiClient user = app.client().newUser();
        assertEnvelope(
                user.post("/api/v1/job", Map.of("text_content", "x", "config", "not-an-object")),
                400,
                "VALIDATION_ERROR");
        assertEnvelope(
                user.post("/api/v1/job", Map.of("text_content", "x", "sample_rate", 22050.5)), 400, "VALIDATION_ERROR");
        assertEnvelope(
                user.post("/api/v1/job", Map.of("text_content", "x", "config", Map.of("include_timestamps", "yes"))),
                400,
                "VALIDATION_ERROR");
        assertEnvelope(user.patch("/api/v1/job/job_x", Map.of("status", "cancelled")), 404, "JOB_NOT_FOUND");
    }

    @Test
    void healthIsUp() {
        ApiClient.Response r = app.client().get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }
}
