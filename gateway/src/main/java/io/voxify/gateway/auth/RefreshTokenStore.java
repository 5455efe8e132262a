package io.voxify.gateway.auth;

import java.time.Instant;

/**
 * Refresh tokens, rotated on every use. Each login starts a family; presenting a token that was
 * already rotated means it was stolen or replayed, and the whole family is revoked.
 */
public interface RefreshTokenStore {

    /** @return the raw token; only its hash is kept */
    String issue(String userId, String familyId, Instant expiresAt);

    /** Uses up {@code rawToken} and issues its successor, or refuses with INVALID_TOKEN. */
    Rotation rotate(String rawToken, Instant now, Instant newExpiry);

    /** Revokes the family of this token (logout); unknown tokens are ignored. */
    void revokeFamilyOf(String rawToken);

    /** Revokes a family by its id (a session's id: sign-out with the access token alone). */
    void revokeFamily(String familyId);

    void revokeAllOf(String userId);

    record Rotation(String userId, String familyId, String newToken) {
    }
}
