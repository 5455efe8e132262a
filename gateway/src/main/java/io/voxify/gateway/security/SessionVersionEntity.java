package io.voxify.gateway.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_session_version")
public class SessionVersionEntity {
    @Id
    @Column(name = "user_id", length = 64)
    String userId;

    @Column(name = "version")
    int version;

    protected SessionVersionEntity() {}

    SessionVersionEntity(String userId, int version) {
        this.userId = userId;
        this.version = version;
    }
}
