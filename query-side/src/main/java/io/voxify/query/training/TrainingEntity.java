package io.voxify.query.training;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One row per training job; a user's jobs are read oldest first (the data export) along the user's index. */
@Entity
@Table(
        name = "training_view",
        indexes = {
            @Index(name = "ix_training_view_user_created_id", columnList = "user_id, created_at, training_job_id")
        })
public class TrainingEntity {
    @Id
    @Column(name = "training_job_id", length = 64)
    String trainingJobId;

    @Column(name = "version")
    long version;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "sample_id", length = 64)
    String sampleId;

    @Column(name = "clone_id", length = 64)
    String cloneId;

    @Column(name = "settings_json", columnDefinition = "TEXT")
    String settingsJson;

    @Column(name = "status", length = 16)
    String status;

    @Column(name = "progress")
    double progress;

    @Column(name = "epochs_done")
    int epochsDone;

    @Column(name = "losses_json", columnDefinition = "TEXT")
    String lossesJson;

    @Column(name = "best_loss")
    Double bestLoss;

    @Column(name = "best_profile_json", columnDefinition = "TEXT")
    String bestProfileJson;

    @Column(name = "quality_json", columnDefinition = "TEXT")
    String qualityJson;

    @Column(name = "estimated_seconds")
    double estimatedSeconds;

    @Column(name = "batch_size")
    int batchSize;
    /** Check sentences each epoch speaks; null in rows written before it was kept, when it was the batch size. */
    @Column(name = "sentences_per_epoch")
    Integer sentencesPerEpoch;

    @Column(name = "builds_clone")
    Boolean buildsClone;

    @Column(name = "start_quality_json", columnDefinition = "TEXT")
    String startQualityJson;

    @Column(name = "quality_enhanced")
    Boolean qualityEnhanced;
    /** Time and count of the epochs after the first (whole epochs: gradient and loss). */
    @Column(name = "full_epoch_ms")
    long fullEpochMs;

    @Column(name = "full_epochs")
    int fullEpochs;

    @Column(name = "error_message", length = 2000)
    String errorMessage;

    @Column(name = "created_at")
    long createdAt;

    @Column(name = "updated_at")
    long updatedAt;

    @Column(name = "started_at")
    Long startedAt;

    @Column(name = "completed_at")
    Long completedAt;
}
