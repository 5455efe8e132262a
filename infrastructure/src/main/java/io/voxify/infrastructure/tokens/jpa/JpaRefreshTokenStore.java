package io.voxify.infrastructure.tokens.jpa;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.infrastructure.tokens.RefreshTokenStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.springframework.transaction.annotation.Transactional;

/** Refresh tokens in the relational store, kept as SHA-256 hashes of 256-bit random values. */
/** Refresh tokens in the database (the embedded default). */
public class JpaRefreshTokenStore implements RefreshTokenStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository tokens;

    public JpaRefreshTokenStore(RefreshTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    @Transactional
    public String issue(String userId, String familyId, Instant expiresAt) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        RefreshTokenEntity row = new RefreshTokenEntity();
        row.tokenHash = RefreshTokenStore.hash(token);
        row.userId = userId;
        row.familyId = familyId;
        row.issuedAt = Instant.now().toEpochMilli();
        row.expiresAt = expiresAt.toEpochMilli();
        tokens.save(row);
        return token;
    }

    @Override
    @Transactional(noRollbackFor = DomainException.class)
    public Rotation rotate(String rawToken, Instant now, Instant newExpiry) {
        RefreshTokenEntity row = rawToken == null
                ? null
                : tokens.findById(RefreshTokenStore.hash(rawToken)).orElse(null);
        if (row == null || row.revoked || row.expiresAt < now.toEpochMilli()) {
            throw invalid();
        }
        if (row.usedAt != null || tokens.markUsed(row.tokenHash, now.toEpochMilli()) == 0) {
            tokens.revokeFamily(row.familyId);
            throw new DomainException(
                    ErrorCode.INVALID_TOKEN,
                    "This refresh token was already used; every session started with it has been signed out");
        }
        String next = issue(row.userId, row.familyId, newExpiry);
        return new Rotation(row.userId, row.familyId, next);
    }

    @Override
    @Transactional
    public void revokeFamilyOf(String rawToken) {
        if (rawToken != null) {
            tokens.findById(RefreshTokenStore.hash(rawToken)).ifPresent(row -> tokens.revokeFamily(row.familyId));
        }
    }

    @Override
    @Transactional
    public void revokeFamily(String familyId) {
        tokens.revokeFamily(familyId);
    }

    @Override
    @Transactional
    public void revokeAllOf(String userId) {
        tokens.revokeUser(userId);
    }

    /** Its rows go: a token that is not there is refused like a revoked one. */
    @Override
    @Transactional
    public void forgetAllOf(String userId) {
        tokens.deleteUser(userId);
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_TOKEN, "The refresh token is invalid or expired");
    }
}
