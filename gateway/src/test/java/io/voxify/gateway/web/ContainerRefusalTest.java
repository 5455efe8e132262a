package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RawHttp;
import io.voxify.gateway.support.RunningApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests Tomcat refuses before the application sees them (they cannot be mapped to any
 * route) still answer in the envelope, not with the container's HTML page.
 */
class ContainerRefusalTest {
    private final RunningApp app = RunningApp.shared();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/v1/job/%ZZ HTTP/1.1",
                "GET /api/v1/job/a%00b HTTP/1.1",
                "GET /api/v1/job/%5C..%5C HTTP/1.1",
                "GET /api/v1/job/%C0%AE HTTP/1.1",
                "GET /api/v1/job/%FF HTTP/1.1",
                "GET /api/v1/job/{} HTTP/1.1",
                "G@T /api/v1/job HTTP/1.1",
                "GET /actuator/health/%ZZ HTTP/1.1"
            })
    void malformedRequestLinesAre400InTheEnvelope(String requestLine) {
        assertEnvelope(
                send((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8)), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Header: y", "Content-Length: 5\r\nContent-Length: 7", "X-Big: "})
    void malformedHeadersAre400InTheEnvelope(String header) {
        // "X-Big: " grows past Tomcat's limit on the header section (8 KB).
        String sent = header.equals("X-Big: ") ? header + "a".repeat(20_000) : header;
        assertEnvelope(
                send(("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n" + sent + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
                400);
    }

    @Test
    void rawNonUtf8BytesInTheQueryAre400InTheEnvelope() {
        byte[] line = "GET /api/v1/job?a=\u00ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEnvelope(send(line), 400);
    }

    private RawHttp.Response send(byte[] request) {
        return RawHttp.send(app.port(), request, Duration.ofSeconds(10));
    }

    private static void assertEnvelope(RawHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("content-type")).as(r.text()).startsWith("application/json");
        assertThat(r.json()).as(r.text()).isNotNull();
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(r.json().path("error").has("message")).isTrue();
        assertThat(r.json().path("error").has("details")).isTrue();
        assertThat(r.text()).doesNotContain("Tomcat").doesNotContain("<html");
    }
}
