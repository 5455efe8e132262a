package io.voxify.infrastructure.webhook.http;

import io.voxify.events.webhook.WebhookErrors;
import io.voxify.infrastructure.webhook.CallbackAddressPolicy;
import io.voxify.infrastructure.webhook.CallbackTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the callback host, checks every address against the {@link CallbackAddressPolicy}, and POSTs to the
 * address it checked (no second look-up, so a name cannot be re-pointed between check and call). A 2xx answer
 * delivers; 410 Gone and a refused address end the delivery; anything else may be retried. A failed try is a
 * {@link WebhookErrors} category (with the status for an HTTP answer): what the receiver said, or whether a port
 * behind it was open beyond that, is for the log only. The log names neither the callback's host nor its
 * addresses (where a person's callbacks go is theirs, and a log line is not erased with them): only what went
 * wrong, by the exception's type; the caller's log context says which delivery it was.
 */
public class HttpCallbackTransport implements CallbackTransport {
    private static final Logger log = LoggerFactory.getLogger(HttpCallbackTransport.class);

    private final WebhookHttp http;
    private volatile HostResolver resolver = InetAddress::getAllByName;

    /** How a callback host becomes addresses (the system's DNS unless replaced, e.g. by a test). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public HttpCallbackTransport(Duration connectTimeout, Duration totalTimeout) {
        this.http = new WebhookHttp(connectTimeout, totalTimeout);
    }

    public void useResolver(HostResolver replacement) {
        this.resolver = replacement;
    }

    @Override
    public Outcome post(URI callback, boolean allowPrivate, RequestMaker request) {
        try {
            InetAddress[] addresses = resolve(callback.getHost());
            for (InetAddress address : addresses) {
                String refusal = CallbackAddressPolicy.refusal(address, allowPrivate);
                if (refusal != null) {
                    log.info("Webhook not sent: its host resolves to {}", refusalKind(refusal));
                    return new Outcome(null, WebhookErrors.REFUSED_ADDRESS, "callback address refused");
                }
            }
            Request made = request.make();
            int status = http.post(callback, addresses[0], made.headers(), made.body());
            String error = status < 200 || status >= 300 ? WebhookErrors.HTTP_STATUS : null;
            return new Outcome(status, error, status == 410 ? "the receiver answered 410 Gone" : null);
        } catch (IOException | RuntimeException e) {
            String error = category(e);
            if (e instanceof RuntimeException) {
                // A fault of ours: where it happened helps, the message may quote the URL.
                StackTraceElement[] trace = e.getStackTrace();
                log.warn(
                        "Webhook could not be made: {} at {}",
                        e.getClass().getName(),
                        trace.length == 0 ? "?" : trace[0]);
            } else {
                log.info("Webhook failed ({}): {}", error, e.getClass().getName());
            }
            return new Outcome(null, error, null);
        }
    }

    /**
     * The {@link WebhookErrors} category of a failed try: decided from the exception's type (and, for a
     * refused connection, this JVM's own wording), never from anything the receiver sent.
     */
    public static String category(Exception failure) {
        if (failure instanceof UnknownHostException) {
            return WebhookErrors.DNS_ERROR;
        }
        if (failure instanceof SocketTimeoutException) {
            return WebhookErrors.TIMEOUT;
        }
        if (failure instanceof ConnectException) {
            String message = failure.getMessage();
            return message != null && message.toLowerCase(Locale.ROOT).contains("refused")
                    ? WebhookErrors.CONNECTION_REFUSED
                    : WebhookErrors.CONNECTION_ERROR;
        }
        if (failure instanceof SSLException) {
            return WebhookErrors.TLS_ERROR;
        }
        if (failure instanceof WebhookHttp.InvalidResponseException) {
            return WebhookErrors.INVALID_RESPONSE;
        }
        if (failure instanceof IOException) {
            return WebhookErrors.CONNECTION_ERROR;
        }
        return WebhookErrors.INTERNAL_ERROR;
    }

    /** What kind of address a refusal names, without the address itself ("203.0.113.9 is a private address"). */
    private static String refusalKind(String refusal) {
        int is = refusal.indexOf(" is ");
        return is < 0 ? "a refused address" : refusal.substring(is + " is ".length());
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        if (host == null) {
            throw new UnknownHostException("no host");
        }
        InetAddress[] all = resolver.resolve(host);
        if (all.length == 0) {
            throw new UnknownHostException(host);
        }
        return all;
    }
}
