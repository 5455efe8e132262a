package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "voice_stats_view")
public class VoiceStatsEntity {
    @Id
    @Column(name = "voice_model_id", length = 128)
    String voiceModelId;

    @Column(name = "usage_count")
    long usageCount;

    @Column(name = "completed")
    long completed;

    @Column(name = "failed")
    long failed;

    @Column(name = "total_processing_ms")
    long totalProcessingMs;

    @Column(name = "total_audio_seconds")
    double totalAudioSeconds;
}
