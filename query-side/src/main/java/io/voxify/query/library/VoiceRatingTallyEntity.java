package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The ratings of one voice summed up, kept beside the per-user rows in the same transaction. A deleted
 * clone keeps a withdrawn row with nothing counted, so a rating that raced the deletion is not counted.
 */
@Entity
@Table(name = "voice_rating_tally")
public class VoiceRatingTallyEntity {
    @Id
    @Column(name = "voice_model_id", length = 128)
    String voiceModelId;
    @Column(name = "rating_sum", nullable = false)
    long ratingSum;
    @Column(name = "rating_count", nullable = false)
    long ratingCount;
    @Column(name = "withdrawn", nullable = false)
    boolean withdrawn;
}
