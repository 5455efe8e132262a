package io.voxify.query.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_view")
public class UserEntity {
    @Id
    @Column(name = "user_id", length = 64)
    String userId;
    /**
     * The sequence number of the last event of the user's aggregate applied; null in rows written before it was
     * kept, which take the next event as they always did.
     */
    @Column(name = "version")
    Long version;

    @Column(name = "email", nullable = false, unique = true, length = 320)
    String email;

    @Column(name = "first_name", length = 100)
    String firstName;

    @Column(name = "last_name", length = 100)
    String lastName;

    @Column(name = "role", length = 16)
    String role;

    @Column(name = "enabled")
    boolean enabled;

    @Column(name = "created_at")
    long createdAt;

    @Column(name = "updated_at")
    long updatedAt;

    @Column(name = "last_login_at")
    Long lastLoginAt;
    /** The latest sign-in or job creation: what "active" means in the platform statistics. */
    @Column(name = "last_active_at")
    Long lastActiveAt;

    @Column(name = "selected_voice_id", length = 128)
    String selectedVoiceId;
    /** Null until the first rotation: generation 0. */
    @Column(name = "webhook_secret_generation")
    Integer webhookSecretGeneration;

    @Column(name = "webhook_secret_rotated_at")
    Long webhookSecretRotatedAt;
}
