package io.voxify.gateway.security;

import io.voxify.events.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Issues the short-lived access tokens the resource server validates. */
public class TokenService {
    public static final String ISSUER = "voxify";
    public static final String ROLE_CLAIM = "role";
    public static final String TYPE_CLAIM = "typ";
    public static final String ACCESS_TYPE = "access";
    public static final String SESSION_VERSION_CLAIM = "sv";

    private final JwtEncoder encoder;
    private final Duration accessTtl;
    private final SessionVersions sessions;

    public TokenService(JwtEncoder encoder, Duration accessTtl, SessionVersions sessions) {
        this.encoder = encoder;
        this.accessTtl = accessTtl;
        this.sessions = sessions;
    }

    public IssuedToken issueAccessToken(String userId, String email, Role role) {
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
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, expires, accessTtl.toSeconds());
    }

    public record IssuedToken(String value, Instant expiresAt, long expiresInSeconds) {
    }
}
