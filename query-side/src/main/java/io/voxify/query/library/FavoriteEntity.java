package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(
        name = "favorite_view",
        indexes = {
            @Index(name = "ix_favorite_user", columnList = "user_id"),
            @Index(name = "ix_favorite_voice", columnList = "voice_model_id")
        })
public class FavoriteEntity {
    /** user id + "|" + voice model id. */
    @Id
    @Column(name = "id", length = 200)
    String id;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "voice_model_id", nullable = false, length = 128)
    String voiceModelId;
}
