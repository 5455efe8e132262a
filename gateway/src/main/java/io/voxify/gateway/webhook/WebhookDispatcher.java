package io.voxify.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.JobView;
import io.voxify.events.webhook.RecordWebhookAttemptCommand;
import io.voxify.events.webhook.WebhookErrors;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.job.JobResponse;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.queue.FairWorkPool;
import io.voxify.infrastructure.webhook.CallbackTransport;
import io.voxify.saga.webhook.WebhookDelivery;
import io.voxify.saga.webhook.WebhookPolicy;
import io.voxify.saga.webhook.WebhookSender;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Makes the webhook calls the {@link io.voxify.saga.webhook.WebhookSaga} asks for, on a small pool of its own
 * (never inside an event handler's transaction): one try at a time per owner, owners served in turn, so a receiver
 * that answers slowly (or never, until the timeout) delays only its own owner's callbacks. A try reads the job as
 * the API shows it, signs the body with the owner's secret, hands the call to the {@link CallbackTransport}, and
 * reports the outcome as a {@link RecordWebhookAttemptCommand} with the next try the {@link WebhookPolicy} allows.
 */
@Component
public class WebhookDispatcher implements WebhookSender {
    public static final String SIGNATURE_HEADER = "X-Voxify-Signature";
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final ViewAwaiter views;
    private final PlatformSettings settings;
    private final WebhookSecrets secrets;
    private final WebhookPolicy policy;
    private final ObjectMapper json;
    private final CallbackTransport transport;
    private final FairWorkPool pool;
    private final Clock clock = Clock.systemUTC();

    public WebhookDispatcher(
            CommandGateway commands,
            ViewAwaiter views,
            PlatformSettings settings,
            WebhookSecrets secrets,
            WebhookPolicy policy,
            ObjectMapper json,
            CallbackTransport transport,
            WebhookProperties properties) {
        this.commands = commands;
        this.views = views;
        this.settings = settings;
        this.secrets = secrets;
        this.policy = policy;
        this.json = json;
        this.transport = transport;
        this.pool = new FairWorkPool(
                "webhook-sender-",
                properties.senderThreads(),
                properties.backlog(),
                properties.backlogPerUser(),
                () -> 1);
    }

    @Override
    public boolean submit(WebhookDelivery delivery) {
        return pool.submit(delivery.userId(), "webhook " + delivery.deliveryId(), () -> deliver(delivery));
    }

    @PreDestroy
    void stop() {
        // A try cut short here was never recorded: the saga's attempt guard makes it again.
        pool.shutdownNow();
    }

    /**
     * One try, with the delivery, its job and owner in the log context: the lines logged on the way (the transport's
     * among them) say which webhook they are about without naming where it goes.
     */
    void deliver(WebhookDelivery d) {
        Map<String, String> context = Map.of(
                "webhook_delivery", d.deliveryId(),
                "job_id", d.jobId(),
                "user_id", d.userId() == null ? "" : d.userId());
        Map<String, String> previous = MDC.getCopyOfContextMap();
        context.forEach(MDC::put);
        try {
            attempt(d);
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private void attempt(WebhookDelivery d) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        CallbackTransport.Outcome outcome;
        try {
            outcome = transport.post(
                    URI.create(d.callbackUrl()), settings.config().allowPrivateCallbacks(), () -> request(d));
        } catch (IllegalArgumentException unusable) {
            // Checked when the job was created; a stored URL that no longer parses is a fault of ours. The exception's
            // message quotes the URL: its type says enough.
            log.warn(
                    "Webhook attempt {} of {} could not be made: {}",
                    d.attempt(),
                    d.deliveryId(),
                    unusable.getClass().getName());
            outcome = new CallbackTransport.Outcome(null, WebhookErrors.INTERNAL_ERROR, null);
        }
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        Instant attemptedAt = clock.instant();
        String abandon = outcome.abandon();
        Instant next = null;
        if (!outcome.delivered() && abandon == null) {
            Optional<Instant> retry =
                    policy.nextAttempt(d.attempt(), d.dueAt() == null ? started : d.dueAt(), attemptedAt);
            next = retry.orElse(null);
            if (next == null) {
                abandon = "no success within " + policy.giveUpAfter() + " (" + d.attempt() + " attempts)";
            }
        }
        commands.send(new RecordWebhookAttemptCommand(
                        d.jobId(),
                        d.deliveryId(),
                        d.attempt(),
                        outcome.status(),
                        outcome.error(),
                        durationMs,
                        attemptedAt,
                        next,
                        abandon))
                .exceptionally(refused -> {
                    log.warn("Webhook attempt {} of {} was not recorded", d.attempt(), d.deliveryId(), refused);
                    return null;
                });
    }

    private CallbackTransport.Request request(WebhookDelivery d) throws JsonProcessingException {
        byte[] body = body(d);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Voxify-Webhooks/1.0");
        headers.put("X-Voxify-Event", d.event());
        headers.put("X-Voxify-Delivery", d.deliveryId());
        headers.put("X-Voxify-Attempt", String.valueOf(d.attempt()));
        headers.put(
                SIGNATURE_HEADER,
                WebhookSecrets.signature(
                        secrets.secretsOf(d.userId()).signing(), clock.instant().getEpochSecond(), body));
        return new CallbackTransport.Request(headers, body);
    }

    /** The {@link WebhookPayload}, as the JSON that is signed and sent. */
    private byte[] body(WebhookDelivery d) throws JsonProcessingException {
        JobView job = views.await(new FindJobQuery(d.jobId()), JobView.class, v -> v.webhook() != null, VIEW_WAIT)
                .orElseThrow(() -> new IllegalStateException("job " + d.jobId() + " is not readable"));
        return json.writeValueAsBytes(new WebhookPayload(
                d.event(), d.deliveryId(), JobResponse.of(job, true), Envelope.iso(clock.instant())));
    }
}
