package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One user's rating of one voice. */
@Entity
@Table(
        name = "voice_rating_view",
        indexes = {
            @Index(name = "ix_voice_rating_user", columnList = "user_id"),
            @Index(name = "ix_voice_rating_voice", columnList = "voice_model_id")
        })
public class VoiceRatingEntity {
    /** user id + "|" + voice model id. */
    @Id
    @Column(name = "id", length = 200)
    String id;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "voice_model_id", nullable = false, length = 128)
    String voiceModelId;

    @Column(name = "rating", nullable = false)
    int rating;
}
