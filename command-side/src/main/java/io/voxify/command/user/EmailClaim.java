package io.voxify.command.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Write-side guard for the one rule an aggregate cannot check alone: an e-mail belongs to one
 * account. The row is written in the same transaction as the registration command.
 */
@Entity
@Table(name = "email_claim")
public class EmailClaim {
    @Id
    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "user_id", nullable = false, length = 64)
    private String userId;

    protected EmailClaim() {}

    public EmailClaim(String email, String userId) {
        this.email = email;
        this.userId = userId;
    }

    public String email() {
        return email;
    }

    public String userId() {
        return userId;
    }
}
