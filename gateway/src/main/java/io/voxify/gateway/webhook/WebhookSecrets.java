package io.voxify.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Each user's webhook signing secret. It is derived from the server's own signing key and the user id
 * (HMAC-SHA256 with a purpose label), so it is never stored and never appears in an event; every node
 * with the same key derives the same secret. Changing the server key (voxify.security.jwt-secret)
 * changes every user's webhook secret.
 */
@Component
public class WebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final String PURPOSE = "voxify-webhook-signing-secret:";

    private final SecretKey serverKey;

    public WebhookSecrets(SecretKey serverKey) {
        this.serverKey = serverKey;
    }

    public String secretFor(String userId) {
        return PREFIX + HexFormat.of().formatHex(hmac(serverKey.getEncoded(), PURPOSE + userId));
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>}. */
    public static String signature(String secret, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                signed));
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
