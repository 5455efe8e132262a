package io.voxify.command.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * Write-side guard: one user uploads the same recording (same bytes) once. Written in the
 * transaction of the upload command, removed with the sample.
 */
@Entity
@Table(name = "sample_content_claim")
@IdClass(SampleContentClaim.Key.class)
public class SampleContentClaim {
    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Id
    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "sample_id", nullable = false, length = 64)
    private String sampleId;

    protected SampleContentClaim() {}

    public SampleContentClaim(String userId, String sha256, String sampleId) {
        this.userId = userId;
        this.sha256 = sha256;
        this.sampleId = sampleId;
    }

    public String sampleId() {
        return sampleId;
    }

    public record Key(String userId, String sha256) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
