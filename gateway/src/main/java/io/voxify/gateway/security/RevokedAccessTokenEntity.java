package io.voxify.gateway.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "revoked_access_token")
public class RevokedAccessTokenEntity {
    @Id
    @Column(name = "token_id", length = 64)
    String tokenId;

    @Column(name = "expires_at")
    long expiresAt;

    protected RevokedAccessTokenEntity() {}

    RevokedAccessTokenEntity(String tokenId, long expiresAt) {
        this.tokenId = tokenId;
        this.expiresAt = expiresAt;
    }
}
