package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The ratings of one voice summed up, kept beside the per-user rows in the same transaction. A deleted
 * clone keeps a withdrawn row with nothing counted, so a rating that raced the deletion is not counted.
 * Versioned: should the projection be split into segments, events of different users (or a clone's
 * deletion) change one voice's row from different transactions, and the later commit fails and its batch
 * is retried on the row the first one wrote, rather than overwriting it.
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

    @Version
    @Column(name = "row_version", nullable = false)
    long rowVersion;
}
