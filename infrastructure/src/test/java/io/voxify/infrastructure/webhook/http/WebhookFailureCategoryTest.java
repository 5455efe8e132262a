package io.voxify.infrastructure.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The sender names a failed try by the exception's type, whatever its message quotes. */
class WebhookFailureCategoryTest {

    @Test
    void everyFailureHasACategory() {
        assertThat(HttpCallbackTransport.category(new UnknownHostException("hooks.invalid")))
                .isEqualTo("dns_error");
        assertThat(HttpCallbackTransport.category(new SocketTimeoutException("Read timed out")))
                .isEqualTo("timeout");
        assertThat(HttpCallbackTransport.category(new ConnectException("Connection refused")))
                .isEqualTo("connection_refused");
        assertThat(HttpCallbackTransport.category(new ConnectException("Connection timed out")))
                .isEqualTo("connection_error");
        assertThat(HttpCallbackTransport.category(new NoRouteToHostException("No route to host")))
                .isEqualTo("connection_error");
        assertThat(HttpCallbackTransport.category(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo("tls_error");
        assertThat(HttpCallbackTransport.category(
                        new WebhookHttp.InvalidResponseException("not an HTTP response: +OK")))
                .isEqualTo("invalid_response");
        assertThat(HttpCallbackTransport.category(new EOFException("connection closed without an answer")))
                .isEqualTo("connection_error");
        assertThat(HttpCallbackTransport.category(new SocketException("Connection reset")))
                .isEqualTo("connection_error");
        assertThat(HttpCallbackTransport.category(new IOException("anything"))).isEqualTo("connection_error");
        assertThat(HttpCallbackTransport.category(new IllegalStateException("job is not readable")))
                .isEqualTo("internal_error");
    }
}
