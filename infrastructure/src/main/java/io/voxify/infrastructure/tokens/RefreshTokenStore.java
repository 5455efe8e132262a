package io.voxify.infrastructure.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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

    /**
     * Ends every session of a deleted account and removes what the store held about it: its tokens and the
     * records that name the user, so nothing here names the person once the account is gone (a revoked token
     * kept until it expires would).
     */
    void forgetAllOf(String userId);

    record Rotation(String userId, String familyId, String newToken) {}

    /** Tokens are kept by their SHA-256, so a copy of the store holds no usable token. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
