package io.voxify.infrastructure.tokens.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(
        name = "refresh_token",
        indexes = {
            @Index(name = "ix_refresh_family", columnList = "family_id"),
            @Index(name = "ix_refresh_user", columnList = "user_id")
        })
public class RefreshTokenEntity {
    @Id
    @Column(name = "token_hash", length = 64)
    String tokenHash;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "family_id", nullable = false, length = 64)
    String familyId;

    @Column(name = "issued_at")
    long issuedAt;

    @Column(name = "expires_at")
    long expiresAt;

    @Column(name = "used_at")
    Long usedAt;

    @Column(name = "revoked")
    boolean revoked;
}
