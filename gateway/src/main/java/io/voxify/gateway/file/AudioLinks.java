package io.voxify.gateway.file;

import io.voxify.gateway.security.SessionVersions;
import io.voxify.gateway.security.SignedOutSessions;
import io.voxify.gateway.security.TokenService;
import io.voxify.gateway.web.Envelope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Short-lived links to one audio file, so a browser's {@code <audio src>} (which cannot send a bearer
 * token) plays and seeks with Range requests of its own. A link is issued to the caller's session:
 * it names the resource, the user, the session ({@code sid}) and its expiry, and its signature also
 * covers the user's session version, so it ends with everything else the session holds: a sign-out
 * of that session, a password change, a role change or a disabled account. Signed with HMAC-SHA256
 * under a key derived from the token-signing key (a separate purpose, so a link is never a token and
 * a token never a link). It grants reading that one resource, which the caller was allowed to read
 * when the link was issued, until it expires or its session ends; nothing else.
 */
@Component
@EnableConfigurationProperties(FileProperties.class)
public class AudioLinks {
    private static final byte[] PURPOSE = "voxify audio link v2".getBytes(StandardCharsets.UTF_8);
    /** User and session ids as this server makes them: nothing that could shift the signed fields. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{0,80}");

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final ToIntFunction<String> sessionVersionOf;
    private final Predicate<String> signedOut;

    @Autowired
    public AudioLinks(
            SecretKey jwtSigningKey,
            FileProperties files,
            SessionVersions sessionVersions,
            SignedOutSessions signedOutSessions) {
        this(
                jwtSigningKey,
                files.linkTtl(),
                Clock.systemUTC(),
                sessionVersions::current,
                signedOutSessions::isSignedOut);
    }

    AudioLinks(
            SecretKey jwtSigningKey,
            Duration ttl,
            Clock clock,
            ToIntFunction<String> sessionVersionOf,
            Predicate<String> signedOut) {
        this.key = new SecretKeySpec(
                hmac(new SecretKeySpec(jwtSigningKey.getEncoded(), "HmacSHA256"), PURPOSE), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
        this.sessionVersionOf = sessionVersionOf;
        this.signedOut = signedOut;
    }

    /** A signed link's query parameters and when it expires. */
    public record Link(String userId, String sessionId, long expires, String signature) {
        public Instant expiresAt() {
            return Instant.ofEpochSecond(expires);
        }
    }

    /** A link to {@code resource} for this user's session, as of this session version. */
    public Link issue(String resource, String userId, String sessionId, int sessionVersion) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return new Link(userId, sessionId, expires, sign(resource, userId, sessionId, sessionVersion, expires));
    }

    /**
     * A new link to {@code resource} for the caller's session, as the API answers it: {@code url} (the
     * path that serves it, {@code signedPath}, with the user, session, expiry and signature as query
     * parameters) and {@code expires_at}. The resource names what is signed: a file id, or a
     * kind-prefixed id ({@code sample:vs_…}) so a link to one kind of audio never opens another.
     */
    public AudioLinkResponse json(String signedPath, String resource, Jwt caller) {
        Link link = issue(
                resource, caller.getSubject(), TokenService.sessionId(caller), TokenService.sessionVersion(caller));
        return new AudioLinkResponse(
                signedPath + "?user=" + link.userId() + "&sid=" + link.sessionId() + "&expires=" + link.expires()
                        + "&signature=" + link.signature(),
                Envelope.iso(link.expiresAt()));
    }

    /** A new link to an audio file ({@code GET /api/v1/files/audio/{id}/signed}) for the caller's session. */
    public AudioLinkResponse file(String fileId, Jwt caller) {
        return json("/api/v1/files/audio/" + fileId + "/signed", fileId, caller);
    }

    /**
     * A link's query parameters as they arrive ({@code ?user=…&sid=…&expires=…&signature=…}; any of them
     * may be missing or malformed), bound by MVC into one argument of each endpoint that serves links.
     */
    public record Presented(String user, String sid, String expires, String signature) {}

    /** Whether a presented link is valid for {@code resource}: the id of the user it was issued to if so. */
    public Optional<String> user(String resource, Presented link) {
        String expires = link.expires();
        long expiry = expires != null && expires.matches("[0-9]{1,12}") ? Long.parseLong(expires) : -1;
        return valid(resource, link.user(), link.sid(), expiry, link.signature())
                ? Optional.of(link.user())
                : Optional.empty();
    }

    /**
     * Whether the link is this server's, for this resource and user, not expired, and its session
     * still stands: not signed out, and the user's session version still the one it was signed with.
     */
    public boolean valid(String resource, String userId, String sessionId, long expires, String signature) {
        if (signature == null
                || userId == null
                || sessionId == null
                || !ID.matcher(userId).matches()
                || !ID.matcher(sessionId).matches()
                || expires < clock.instant().getEpochSecond()) {
            return false;
        }
        byte[] expected = sign(resource, userId, sessionId, sessionVersionOf.applyAsInt(userId), expires)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
                && !signedOut.test(sessionId);
    }

    private String sign(String resource, String userId, String sessionId, int sessionVersion, long expires) {
        String message = resource + "\n" + userId + "\n" + sessionId + "\n" + sessionVersion + "\n" + expires;
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
