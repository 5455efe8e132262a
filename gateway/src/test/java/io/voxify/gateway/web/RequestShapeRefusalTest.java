package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RawHttp;
import io.voxify.gateway.support.RunningApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shapes of a request the fuzzing of the OpenAPI document found answered with 500: a wildcard
 * Content-Type on a body, query parameters the security firewall refuses only when a controller
 * first reads them, and a form-encoded PUT, PATCH or DELETE body with a broken escape.
 */
class RequestShapeRefusalTest {
    private final RunningApp app = RunningApp.shared();
    private final ApiClient user = app.client().newUser();

    @ParameterizedTest
    @CsvSource({
        "*/*, PUT, /api/v1/job/job_x",
        "application/*, POST, /v1/audio/speech",
        "text/*, POST, /api/v1/tts/stream",
        "*/*, POST, /api/v1/auth/register",
        "*/*, POST, /api/v1/job"
    })
    void aWildcardContentTypeIs415(String type, String method, String path) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", type});
        headers.add(new String[] {"Authorization", "Bearer " + user.token()});
        RawHttp.Response r = send(method, path, headers, "{\"text_content\": \"Hello\"}");
        assertEnvelope(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @org.junit.jupiter.api.Test
    void aWildcardContentTypeOnARequestWithoutABodyIsIgnored() {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "*/*"});
        headers.add(new String[] {"Authorization", "Bearer " + user.token()});
        RawHttp.Response r = send("GET", "/api/v1/job", headers, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/job?%00=1",
                "/api/v1/job?a%00b=1",
                "/api/v1/voice/samples?%1B%5B31m=x",
                "/api/v1/audit/jobs/job_x/state?%01%07=null",
                "/api/v1/voice/models?q=1&%7F=2"
            })
    void parameterNamesTheFirewallRefusesAre400(String target) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Authorization", "Bearer " + user.token()});
        assertEnvelope(send("GET", target, headers, null), 400, "BAD_REQUEST");
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, /api/v1/job/job_x",
        "PATCH, /api/v1/auth/profile",
        "PATCH, /api/v1/job/job_x",
        "DELETE, /api/v1/job/job_x"
    })
    void aFormBodyWithABrokenEscapeIsNotAServerError(String method, String path) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
        headers.add(new String[] {"Authorization", "Bearer " + user.token()});
        RawHttp.Response r = send(method, path, headers, "first_name=%s%s%n&status=%ZZ");
        if (method.equals("DELETE")) {
            assertEnvelope(r, 404, "JOB_NOT_FOUND");
        } else {
            assertEnvelope(r, 415, "UNSUPPORTED_MEDIA_TYPE");
        }
    }

    private RawHttp.Response send(String method, String target, List<String[]> headers, String body) {
        return RawHttp.send(
                app.port(),
                RawHttp.request(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(30));
    }

    private static void assertEnvelope(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("content-type")).as(r.text()).startsWith("application/json");
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("error").has("details")).isTrue();
    }
}
