package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.web.Envelope;

/**
 * A signed-in session (login and refresh): a bearer access token with its lifetime in seconds and its end,
 * the refresh token that continues the session, and the account.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionResponse(
        String accessToken,
        String refreshToken,
        String tokenType,
        long expiresIn,
        String expiresAt,
        UserResponse user) {

    public static SessionResponse of(AuthService.Session session) {
        return new SessionResponse(
                session.access().value(),
                session.refreshToken(),
                "Bearer",
                session.access().expiresInSeconds(),
                Envelope.iso(session.access().expiresAt()),
                UserResponse.of(session.user()));
    }
}
