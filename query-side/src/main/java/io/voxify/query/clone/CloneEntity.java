package io.voxify.query.clone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(
        name = "clone_view",
        indexes = {
            @Index(name = "ix_clone_user_created", columnList = "user_id, created_at"),
            @Index(name = "ix_clone_generation_job", columnList = "generation_job_id")
        })
public class CloneEntity {
    @Id
    @Column(name = "clone_id", length = 64)
    String cloneId;

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
    /** Space-separated, so "built from sample X" is a LIKE on a delimited value. */
    @Column(name = "sample_ids", length = 4000)
    String sampleIds;

    @Column(name = "status", length = 16)
    String status;

    @Column(name = "profile_json", columnDefinition = "TEXT")
    String profileJson;

    @Column(name = "quality_json", columnDefinition = "TEXT")
    String qualityJson;

    @Column(name = "vector_id", length = 64)
    String vectorId;

    @Column(name = "error_message", length = 2000)
    String errorMessage;

    @Column(name = "created_at")
    long createdAt;

    @Column(name = "updated_at")
    long updatedAt;

    @Column(name = "ready_at")
    Long readyAt;

    @Column(name = "processing_time_ms")
    Long processingTimeMs;
    /** Null for clones created before generation jobs were recorded. */
    @Column(name = "generation_job_id", length = 64)
    String generationJobId;
    /** The generation job's parameters and progress ({@code CloneGeneration} without its id). */
    @Column(name = "generation_json", columnDefinition = "TEXT")
    String generationJson;
}
