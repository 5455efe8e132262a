package io.voxify.query.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(
        name = "audio_file_view",
        indexes = {
            @Index(name = "ix_audio_file_job", columnList = "job_id"),
            @Index(name = "ix_audio_file_owner", columnList = "owner_id")
        })
public class AudioFileEntity {
    @Id
    @Column(name = "file_id", length = 64)
    String fileId;

    @Column(name = "owner_id", nullable = false, length = 64)
    String ownerId;

    @Column(name = "job_id", length = 64)
    String jobId;

    @Column(name = "blob_key", nullable = false, length = 300)
    String blobKey;

    @Column(name = "format", length = 16)
    String format;

    @Column(name = "content_type", length = 64)
    String contentType;

    @Column(name = "sample_rate")
    int sampleRate;

    @Column(name = "channels")
    int channels;

    @Column(name = "size_bytes")
    long sizeBytes;

    @Column(name = "duration_seconds")
    double durationSeconds;

    @Column(name = "sha256", length = 64)
    String sha256;

    @Column(name = "created_at")
    long createdAt;
}
