package io.voxify.query.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One row per live job. Times are epoch milliseconds so every database sorts them the same way.
 * A user's list is ordered by creation time and then id: the index holds both, so the database
 * walks it in list order and stops at the page's last row, instead of sorting the user's rows.
 * Retention looks for the finished jobs not yet expired in the order they ended: its index walks exactly
 * those (an unexpired row's {@code content_expired_at} is null, an unfinished one's {@code completed_at}).
 */
@Entity
@Table(
        name = "job_view",
        indexes = {
            @Index(name = "ix_job_view_user_created_id", columnList = "user_id, created_at, job_id"),
            @Index(name = "ix_job_view_status", columnList = "status"),
            @Index(name = "ix_job_view_expiry", columnList = "content_expired_at, completed_at, job_id")
        })
public class JobEntity {
    @Id
    @Column(name = "job_id", length = 64)
    String jobId;

    @Column(name = "version")
    long version;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "voice_model_id", length = 128)
    String voiceModelId;

    @Column(name = "text_content", columnDefinition = "TEXT")
    String text;

    @Column(name = "text_hash", length = 64)
    String textHash;

    @Column(name = "text_language", length = 32)
    String textLanguage;
    /** Rows written before the column existed all came from plain-text jobs; the default says so. */
    @Column(name = "text_format", length = 16, columnDefinition = "VARCHAR(16) DEFAULT 'plain'")
    String textFormat;

    @Column(name = "text_length")
    int textLength;

    @Column(name = "word_count")
    int wordCount;

    @Column(name = "status", length = 16)
    String status;

    @Column(name = "progress")
    double progress;

    @Column(name = "progress_message", length = 500)
    String progressMessage;

    @Column(name = "settings_json", columnDefinition = "TEXT")
    String settingsJson;

    @Column(name = "file_id", length = 64)
    String fileId;

    @Column(name = "duration")
    Double duration;

    @Column(name = "timestamps_json", columnDefinition = "TEXT")
    String timestampsJson;

    @Column(name = "error_message", length = 2000)
    String errorMessage;

    @Column(name = "error_code", length = 64)
    String errorCode;

    @Column(name = "attempts")
    int attempts;

    @Column(name = "created_at")
    long createdAt;

    @Column(name = "updated_at")
    long updatedAt;

    @Column(name = "started_at")
    Long startedAt;

    @Column(name = "completed_at")
    Long completedAt;

    @Column(name = "processing_time_ms")
    Long processingTimeMs;

    @Column(name = "callback_url", length = 2048)
    String callbackUrl;
    /** The webhook under way or done (all null until the job's end is announced to its callback URL). */
    @Column(name = "webhook_delivery_id", length = 80)
    String webhookDeliveryId;

    @Column(name = "webhook_event", length = 32)
    String webhookEvent;

    @Column(name = "webhook_state", length = 16)
    String webhookState;

    @Column(name = "webhook_attempts")
    Integer webhookAttempts;

    @Column(name = "webhook_last_status")
    Integer webhookLastStatus;

    @Column(name = "webhook_last_error", length = 1000)
    String webhookLastError;

    @Column(name = "webhook_last_attempt_at")
    Long webhookLastAttemptAt;

    @Column(name = "webhook_next_attempt_at")
    Long webhookNextAttemptAt;

    @Column(name = "webhook_delivered_at")
    Long webhookDeliveredAt;

    /** When retention erased the job's text and removed its audio; null until then. */
    @Column(name = "content_expired_at")
    Long contentExpiredAt;
}
