package io.voxify.gateway.file;

import io.voxify.gateway.web.Envelope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Short-lived links to one audio file for one user, so a browser's {@code <audio src>} (which cannot
 * send a bearer token) plays and seeks with Range requests of its own. A link names the file, the
 * user and its expiry, signed with HMAC-SHA256 under a key derived from the token-signing key (a
 * separate purpose, so a link is never a token and a token never a link). It grants reading that one
 * file while its owner still owns it, until it expires; nothing else.
 */
@Component
public class AudioLinks {
    private static final byte[] PURPOSE = "voxify audio link v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    @Autowired
    public AudioLinks(SecretKey jwtSigningKey, @Value("${voxify.files.link-ttl:PT1H}") Duration ttl) {
        this(jwtSigningKey, ttl, Clock.systemUTC());
    }

    AudioLinks(SecretKey jwtSigningKey, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(jwtSigningKey.getEncoded(), "HmacSHA256"), PURPOSE),
                "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A signed link's query parameters and when it expires. */
    public record Link(String userId, long expires, String signature) {
        public Instant expiresAt() {
            return Instant.ofEpochSecond(expires);
        }
    }

    public Link issue(String fileId, String userId) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return new Link(userId, expires, sign(fileId, userId, expires));
    }

    /**
     * A new link to {@code resource} for its owner, as the API answers it: {@code url} (the path that
     * serves it, {@code signedPath}, with the user, expiry and signature as query parameters) and
     * {@code expires_at}. The resource names what is signed: a file id, or a kind-prefixed id
     * ({@code sample:vs_…}) so a link to one kind of audio never opens another.
     */
    public Map<String, Object> json(String signedPath, String resource, String userId) {
        Link link = issue(resource, userId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", signedPath + "?user=" + link.userId() + "&expires=" + link.expires()
                + "&signature=" + link.signature());
        data.put("expires_at", Envelope.iso(link.expiresAt()));
        return data;
    }

    /**
     * A link's query parameters as they arrive ({@code ?user=…&expires=…&signature=…}; any of them may be
     * missing or malformed), bound by MVC into one argument of each endpoint that serves links.
     */
    public record Presented(String user, String expires, String signature) {
    }

    /** Whether a presented link is valid for {@code resource}: its user's id if so. */
    public java.util.Optional<String> user(String resource, Presented link) {
        String expires = link.expires();
        long expiry = expires != null && expires.matches("[0-9]{1,12}") ? Long.parseLong(expires) : -1;
        return valid(resource, link.user(), expiry, link.signature())
                ? java.util.Optional.of(link.user()) : java.util.Optional.empty();
    }

    /** Whether the link is this server's, for this file and user, and not expired. */
    public boolean valid(String fileId, String userId, long expires, String signature) {
        if (signature == null || userId == null || expires < clock.instant().getEpochSecond()) {
            return false;
        }
        byte[] expected = sign(fileId, userId, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String fileId, String userId, long expires) {
        String message = fileId + "\n" + userId + "\n" + expires;
        return HexFormat.of().formatHex(hmac(key, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
