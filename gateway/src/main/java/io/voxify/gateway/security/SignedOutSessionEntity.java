package io.voxify.gateway.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "signed_out_session")
public class SignedOutSessionEntity {
    @Id
    @Column(name = "session_id", length = 64)
    String sessionId;
    /** Until when a credential of the session could still be presented (epoch milliseconds). */
    @Column(name = "until_at")
    long until;

    protected SignedOutSessionEntity() {}

    SignedOutSessionEntity(String sessionId, long until) {
        this.sessionId = sessionId;
        this.until = until;
    }
}
