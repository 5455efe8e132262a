package io.voxify.events.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookErrorsTest {

    @Test
    void aCategoryStaysItself() {
        for (String category : WebhookErrors.ALL) {
            assertThat(WebhookErrors.category(category, null)).isEqualTo(category);
        }
        assertThat(WebhookErrors.category("http_status", 503)).isEqualTo("http_status");
    }

    @Test
    void anAnswerWithoutErrorIsAStatusOrNothing() {
        assertThat(WebhookErrors.category(null, 500)).isEqualTo("http_status");
        assertThat(WebhookErrors.category(null, 302)).isEqualTo("http_status");
        assertThat(WebhookErrors.category(null, 204)).isNull();
        assertThat(WebhookErrors.category(null, null)).isNull();
    }

    /** What the sender recorded before categories existed, including what a remote side had put in it. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "refused: 127.0.0.1 is a loopback address, allowed only when the callback URL names a loopback host | | refused_address",
                "callback address refused (10.0.0.7 is a private address; an administrator can allow private callbacks) | | refused_address",
                "cannot resolve hooks.invalid: Name or service not known | | dns_error",
                "SocketTimeoutException: Connect timed out | | timeout",
                "SocketTimeoutException: Read timed out | | timeout",
                "ConnectException: Connection refused | | connection_refused",
                "SSLHandshakeException: PKIX path building failed | | tls_error",
                "SSLException: Unsupported or unrecognized SSL message | | tls_error",
                "IOException: not an HTTP response: -ERR unknown command 'POST', with args beginning with: | | invalid_response",
                "IOException: status line too long | | invalid_response",
                "the receiver answered 410 Gone | 410 | http_status",
                "SocketException: Connection reset | | connection_error",
                "no success within PT24H (13 attempts) | | connection_error",
                "IllegalStateException: job job_1 is not readable | | internal_error"
            })
    void freeTextFromBeforeIsReadAsACategory(String recorded, Integer status, String expected) {
        assertThat(WebhookErrors.category(recorded, status)).isEqualTo(expected);
    }
}
