package io.voxify.events.webhook;

import java.util.List;

/**
 * What went wrong with a webhook try, as recorded in {@link WebhookAttemptedEvent#error()} and shown in a
 * job's {@code webhook.last_error}: a category only, never bytes or messages from the remote side (the
 * sender's log keeps the detail). Null when the receiver answered 2xx.
 */
public final class WebhookErrors {
    /** The host is, or resolved to, an address the platform does not call (loopback, private, ...). */
    public static final String REFUSED_ADDRESS = "refused_address";
    /** The host name could not be resolved. */
    public static final String DNS_ERROR = "dns_error";
    /** Nothing listens on the port. */
    public static final String CONNECTION_REFUSED = "connection_refused";
    /** No connection, or no answer, within the timeouts. */
    public static final String TIMEOUT = "timeout";
    /** The TLS handshake failed (certificate, protocol). */
    public static final String TLS_ERROR = "tls_error";
    /** The receiver answered something that is not an HTTP response. */
    public static final String INVALID_RESPONSE = "invalid_response";
    /** The receiver answered a status other than 2xx (the status is recorded beside). */
    public static final String HTTP_STATUS = "http_status";
    /** Any other network failure (connection reset or closed without an answer, no route). */
    public static final String CONNECTION_ERROR = "connection_error";
    /** The platform could not make the call (e.g. the job could not be read). */
    public static final String INTERNAL_ERROR = "internal_error";

    public static final List<String> ALL = List.of(
            REFUSED_ADDRESS,
            DNS_ERROR,
            CONNECTION_REFUSED,
            TIMEOUT,
            TLS_ERROR,
            INVALID_RESPONSE,
            HTTP_STATUS,
            CONNECTION_ERROR,
            INTERNAL_ERROR);

    private WebhookErrors() {}

    /**
     * The category of a recorded try. Tries recorded before categories existed carry free text (an
     * exception's message, which may quote the remote side): they are read by its known beginnings,
     * anything else as {@link #CONNECTION_ERROR}, and the text itself is never passed on. The same holds
     * for read-model rows written then, which may hold the reason a delivery was abandoned.
     */
    public static String category(String recorded, Integer statusCode) {
        if (recorded == null) {
            return statusCode != null && (statusCode < 200 || statusCode >= 300) ? HTTP_STATUS : null;
        }
        if (ALL.contains(recorded)) {
            return recorded;
        }
        if (recorded.startsWith("refused: ") || recorded.startsWith("callback address refused")) {
            return REFUSED_ADDRESS;
        }
        if (recorded.startsWith("cannot resolve ") || recorded.startsWith("UnknownHostException")) {
            return DNS_ERROR;
        }
        if (recorded.startsWith("SocketTimeoutException") || recorded.startsWith("HttpTimeoutException")) {
            return TIMEOUT;
        }
        if (recorded.startsWith("ConnectException: Connection refused")) {
            return CONNECTION_REFUSED;
        }
        if (recorded.startsWith("SSL")) {
            return TLS_ERROR;
        }
        if (recorded.startsWith("IOException: not an HTTP") || recorded.startsWith("IOException: status line")) {
            return INVALID_RESPONSE;
        }
        if (statusCode != null && (statusCode < 200 || statusCode >= 300)) {
            return HTTP_STATUS;
        }
        if (recorded.startsWith("IllegalStateException") || recorded.startsWith("NullPointerException")) {
            return INTERNAL_ERROR;
        }
        return CONNECTION_ERROR;
    }
}
