package io.voxify.gateway.webhook;

import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.UserView;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Each user's webhook signing secrets. A secret is derived from the server's own signing key, the user id
 * and the secret's generation (HMAC-SHA256 with a purpose label), so it is never stored and never appears in
 * an event; every node with the same key derives the same secret. A user rotates to the next generation
 * ({@code WebhookSecretRotatedEvent}); for {@code voxify.webhooks.secret-overlap} after a rotation callbacks
 * carry a signature with each of the two secrets, so receivers can switch without missing one. Changing
 * the server key (voxify.security.jwt-secret) changes every user's webhook secrets.
 */
@Component
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final String PURPOSE = "voxify-webhook-signing-secret:";

    private final SecretKey serverKey;
    private final QueryGateway queries;
    private final Duration overlap;
    private final Clock clock = Clock.systemUTC();

    public WebhookSecrets(SecretKey serverKey, QueryGateway queries, WebhookProperties properties) {
        this.serverKey = serverKey;
        this.queries = queries;
        this.overlap = properties.secretOverlap();
    }

    /** A user's secrets now: the current one, and the one it replaced while the overlap lasts. */
    public record Secrets(
            String current, int generation, Instant rotatedAt, String previous, Instant previousExpiresAt) {
        List<String> signing() {
            return previous == null ? List.of(current) : List.of(current, previous);
        }
    }

    /** The user's secrets as their read model has them (generation 0 for a user it does not know yet). */
    public Secrets secretsOf(String userId) {
        UserView user = queries.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .orElse(null);
        return user == null
                ? secrets(userId, 0, null)
                : secrets(userId, user.webhookSecretGeneration(), user.webhookSecretRotatedAt());
    }

    Secrets secrets(String userId, int generation, Instant rotatedAt) {
        Instant previousExpires = rotatedAt == null || generation == 0 ? null : rotatedAt.plus(overlap);
        boolean overlapping = previousExpires != null && clock.instant().isBefore(previousExpires);
        return new Secrets(
                secretFor(userId, generation),
                generation,
                rotatedAt,
                overlapping ? secretFor(userId, generation - 1) : null,
                overlapping ? previousExpires : null);
    }

    String secretFor(String userId, int generation) {
        String label = PURPOSE + userId + (generation == 0 ? "" : "#" + generation);
        return PREFIX + HexFormat.of().formatHex(hmac(serverKey.getEncoded(), label));
    }

    /**
     * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with a secret>}, with one {@code v1}
     * per secret (the current one first).
     */
    public static String signature(List<String> secrets, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        List<String> parts = new ArrayList<>();
        parts.add("t=" + unixSeconds);
        for (String secret : secrets) {
            parts.add("v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed)));
        }
        return String.join(",", parts);
    }

    private static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
