package io.voxify.gateway.security;

import io.voxify.events.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Issues the short-lived access tokens the resource server validates. Each names its user's
 * session version ({@code sv}: a password, role or state change ends every token issued before it)
 * and its session ({@code sid}: a sign-out ends every token of that session).
 */
public class TokenService {
    public static final String ISSUER = "voxify";
    public static final String ROLE_CLAIM = "role";
    public static final String TYPE_CLAIM = "typ";
    public static final String ACCESS_TYPE = "access";
    public static final String SESSION_VERSION_CLAIM = "sv";
    /** The session (sign-in) the token belongs to: its refresh-token family, ended by a sign-out. */
    public static final String SESSION_ID_CLAIM = "sid";

    private final JwtEncoder encoder;
    private final Duration accessTtl;
    private final SessionVersions sessions;

    public TokenService(JwtEncoder encoder, Duration accessTtl, SessionVersions sessions) {
        this.encoder = encoder;
        this.accessTtl = accessTtl;
        this.sessions = sessions;
    }

    public IssuedToken issueAccessToken(String userId, String email, Role role, String sessionId) {
        Instant now = Instant.now();
        Instant expires = now.plus(accessTtl);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expires)
                .claim("email", email)
                .claim(ROLE_CLAIM, role.wireName())
                .claim(TYPE_CLAIM, ACCESS_TYPE)
                .claim(SESSION_VERSION_CLAIM, sessions.current(userId))
                .claim(SESSION_ID_CLAIM, sessionId)
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, expires, accessTtl.toSeconds());
    }

    /** The session an access token belongs to; empty for tokens issued before sessions had ids. */
    public static String sessionId(Jwt jwt) {
        String sid = jwt.getClaimAsString(SESSION_ID_CLAIM);
        return sid == null ? "" : sid;
    }

    /** The session version an access token was issued under (validated tokens always carry one). */
    public static int sessionVersion(Jwt jwt) {
        return jwt.getClaim(SESSION_VERSION_CLAIM) instanceof Number n ? n.intValue() : -1;
    }

    public record IssuedToken(String value, Instant expiresAt, long expiresInSeconds) {}
}
