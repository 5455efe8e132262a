package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which voice each job used, so completion and failure events (which do not name it) count for it. */
@Entity
@Table(name = "voice_stats_job")
public class JobVoiceEntity {
    @Id
    @Column(name = "job_id", length = 64)
    String jobId;

    @Column(name = "voice_model_id", length = 128)
    String voiceModelId;
    /**
     * The sequence number of the job's last event counted in its voice's statistics; null in rows written before
     * it was kept, which count the next event as they always did.
     */
    @Column(name = "counted_sequence")
    Long countedSequence;
}
