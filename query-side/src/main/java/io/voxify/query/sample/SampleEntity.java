package io.voxify.query.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(
        name = "sample_view",
        indexes = {
            @Index(name = "ix_sample_user_created", columnList = "user_id, created_at"),
            @Index(name = "ix_sample_user_sha", columnList = "user_id, sha256")
        })
public class SampleEntity {
    @Id
    @Column(name = "sample_id", length = 64)
    String sampleId;

    @Column(name = "version")
    long version;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "name", length = 200)
    String name;

    @Column(name = "description", length = 2000)
    String description;

    @Column(name = "language", length = 35)
    String language;

    @Column(name = "transcript", columnDefinition = "TEXT")
    String transcript;

    @Column(name = "status", length = 16)
    String status;

    @Column(name = "sha256", length = 64)
    String sha256;

    @Column(name = "audio_json", columnDefinition = "TEXT")
    String audioJson;
    /** The original recording's size, a column of its own so storage is a SQL sum. */
    @Column(name = "size_bytes")
    Long sizeBytes;

    @Column(name = "processing_job_id", length = 64)
    String processingJobId;

    @Column(name = "measurements_json", columnDefinition = "TEXT")
    String measurementsJson;

    @Column(name = "issues_json", columnDefinition = "TEXT")
    String issuesJson;

    @Column(name = "quality_score")
    Double qualityScore;

    @Column(name = "vector_id", length = 64)
    String vectorId;

    @Column(name = "embedding_model", length = 128)
    String embeddingModel;

    @Column(name = "error_message", length = 2000)
    String errorMessage;

    @Column(name = "created_at")
    long createdAt;

    @Column(name = "updated_at")
    long updatedAt;

    @Column(name = "processed_at")
    Long processedAt;
}
