package io.voxify.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.JobView;
import io.voxify.events.webhook.RecordWebhookAttemptCommand;
import io.voxify.events.webhook.WebhookErrors;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.job.JobJson;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.saga.webhook.WebhookDelivery;
import io.voxify.saga.webhook.WebhookPolicy;
import io.voxify.saga.webhook.WebhookSender;
import io.voxify.saga.work.FairWorkPool;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes the webhook calls the {@link io.voxify.saga.webhook.WebhookSaga} asks for, on a small pool of
 * its own (never inside an event handler's transaction): reads the job as the API shows it, resolves
 * the callback host and checks every address against the {@link CallbackAddressPolicy}, POSTs the
 * signed body to the address it checked (no second look-up), and reports the outcome as a
 * {@link RecordWebhookAttemptCommand} with the next try the {@link WebhookPolicy} allows.
 * A 2xx answer delivers; 410 Gone and a refused address end the delivery; anything else is retried.
 * A failed try is recorded as a {@link WebhookErrors} category (with the status for an HTTP answer):
 * what the receiver said, or whether a port behind it was open beyond that, is for the log only.
 */
@Component
public class HttpWebhookSender implements WebhookSender {
    public static final String SIGNATURE_HEADER = "X-Voxify-Signature";
    private static final Logger log = LoggerFactory.getLogger(HttpWebhookSender.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final ViewAwaiter views;
    private final PlatformSettings settings;
    private final WebhookSecrets secrets;
    private final WebhookPolicy policy;
    private final ObjectMapper json;
    private final WebhookHttp http;
    private final FairWorkPool pool;
    private final Clock clock = Clock.systemUTC();
    private volatile HostResolver resolver = InetAddress::getAllByName;

    /** How a callback host becomes addresses (the system's DNS unless replaced, e.g. by a test). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public HttpWebhookSender(CommandGateway commands, ViewAwaiter views, PlatformSettings settings,
                             WebhookSecrets secrets, WebhookPolicy policy, ObjectMapper json,
                             @Value("${voxify.webhooks.connect-timeout:PT5S}") Duration connectTimeout,
                             @Value("${voxify.webhooks.total-timeout:PT10S}") Duration totalTimeout,
                             @Value("${voxify.webhooks.sender-threads:4}") int threads,
                             @Value("${voxify.webhooks.backlog:1000}") int backlog,
                             @Value("${voxify.webhooks.backlog-per-user:200}") int backlogPerUser) {
        this.commands = commands;
        this.views = views;
        this.settings = settings;
        this.secrets = secrets;
        this.policy = policy;
        this.json = json;
        this.http = new WebhookHttp(connectTimeout, totalTimeout);
        // One try at a time per owner, owners served in turn: a receiver that answers slowly (or never, until the
        // timeout) delays only its own owner's callbacks, never everyone's.
        this.pool = new FairWorkPool("webhook-sender-", threads, backlog, backlogPerUser, () -> 1);
    }

    @Override
    public boolean submit(WebhookDelivery delivery) {
        return pool.submit(delivery.userId(), "webhook " + delivery.deliveryId(), () -> deliver(delivery));
    }

    public void useResolver(HostResolver replacement) {
        this.resolver = replacement;
    }

    @PreDestroy
    void stop() {
        // A try cut short here was never recorded: the saga's attempt guard makes it again.
        pool.shutdownNow();
    }

    void deliver(WebhookDelivery d) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Integer status = null;
        String error = null;
        String abandon = null;
        try {
            URI uri = URI.create(d.callbackUrl());
            InetAddress[] addresses = resolve(uri.getHost());
            boolean allowPrivate = settings.config().allowPrivateCallbacks();
            for (InetAddress address : addresses) {
                String refusal = CallbackAddressPolicy.refusal(address, allowPrivate);
                if (refusal != null) {
                    log.info("Webhook {} of job {} not sent: {} resolves to {}", d.deliveryId(), d.jobId(),
                            uri.getHost(), refusal);
                    error = WebhookErrors.REFUSED_ADDRESS;
                    abandon = "callback address refused";
                    break;
                }
            }
            if (error == null) {
                byte[] body = body(d);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("User-Agent", "Voxify-Webhooks/1.0");
                headers.put("X-Voxify-Event", d.event());
                headers.put("X-Voxify-Delivery", d.deliveryId());
                headers.put("X-Voxify-Attempt", String.valueOf(d.attempt()));
                headers.put(SIGNATURE_HEADER, WebhookSecrets.signature(secrets.secretsOf(d.userId()).signing(),
                        clock.instant().getEpochSecond(), body));
                status = http.post(uri, addresses[0], headers, body);
                if (status < 200 || status >= 300) {
                    error = WebhookErrors.HTTP_STATUS;
                }
                if (status == 410) {
                    abandon = "the receiver answered 410 Gone";
                }
            }
        } catch (IOException | RuntimeException e) {
            error = category(e);
            if (e instanceof RuntimeException) {
                log.warn("Webhook attempt {} of {} could not be made", d.attempt(), d.deliveryId(), e);
            } else {
                log.info("Webhook attempt {} of {} failed ({}): {}", d.attempt(), d.deliveryId(), error, e.toString());
            }
        }
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        Instant attemptedAt = clock.instant();
        boolean delivered = status != null && status >= 200 && status < 300;
        Instant next = null;
        if (!delivered && abandon == null) {
            Optional<Instant> retry = policy.nextAttempt(d.attempt(), d.dueAt() == null ? started : d.dueAt(),
                    attemptedAt);
            next = retry.orElse(null);
            if (next == null) {
                abandon = "no success within " + policy.giveUpAfter() + " (" + d.attempt() + " attempts)";
            }
        }
        commands.send(new RecordWebhookAttemptCommand(d.jobId(), d.deliveryId(), d.attempt(), status, error,
                        durationMs, attemptedAt, next, abandon))
                .exceptionally(refused -> {
                    log.warn("Webhook attempt {} of {} was not recorded", d.attempt(), d.deliveryId(), refused);
                    return null;
                });
    }

    /**
     * The {@link WebhookErrors} category of a failed try: decided from the exception's type (and, for a
     * refused connection, this JVM's own wording), never from anything the receiver sent.
     */
    static String category(Exception failure) {
        if (failure instanceof UnknownHostException) {
            return WebhookErrors.DNS_ERROR;
        }
        if (failure instanceof SocketTimeoutException) {
            return WebhookErrors.TIMEOUT;
        }
        if (failure instanceof ConnectException) {
            String message = failure.getMessage();
            return message != null && message.toLowerCase(Locale.ROOT).contains("refused")
                    ? WebhookErrors.CONNECTION_REFUSED : WebhookErrors.CONNECTION_ERROR;
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

    /** {"event", "delivery_id", "job" (as GET /api/v1/job/{id} shows it), "delivered_at"}. */
    private byte[] body(WebhookDelivery d) throws JsonProcessingException {
        JobView job = views.await(new FindJobQuery(d.jobId()), JobView.class, v -> v.webhook() != null, VIEW_WAIT)
                .orElseThrow(() -> new IllegalStateException("job " + d.jobId() + " is not readable"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", d.event());
        body.put("delivery_id", d.deliveryId());
        body.put("job", JobJson.of(job, true));
        body.put("delivered_at", Envelope.iso(clock.instant()));
        return json.writeValueAsBytes(body);
    }
}
