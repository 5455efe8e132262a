package io.voxify.gateway.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.web.Envelope;

/**
 * The caller's webhook signing secret and how a receiver checks a signature with it.
 *
 * @param rotatedAt              when the secret was last rotated, null if never
 * @param previousSecretExpiresAt until when the previous secret still signs alongside, null when none does
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookSecretResponse(
        String secret,
        int generation,
        String rotatedAt,
        String previousSecretExpiresAt,
        String signatureHeader,
        String signatureFormat) {

    static final String SIGNATURE_FORMAT = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" keyed with "
            + "secret>; after a rotation, until previous_secret_expires_at, a second v1 made with the previous secret";

    static WebhookSecretResponse of(WebhookSecrets.Secrets s) {
        return new WebhookSecretResponse(
                s.current(),
                s.generation(),
                Envelope.iso(s.rotatedAt()),
                Envelope.iso(s.previousExpiresAt()),
                WebhookDispatcher.SIGNATURE_HEADER,
                SIGNATURE_FORMAT);
    }
}
