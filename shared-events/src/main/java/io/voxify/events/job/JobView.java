package io.voxify.events.job;

import java.time.Instant;
import java.util.List;

/**
 * A job as the read model holds it. {@code version} is the sequence number of the last event
 * applied, so a reader can tell an older state from a newer one. {@code contentExpiredAt} is when
 * retention erased its text and removed its audio (null: not erased).
 */
public record JobView(
        String jobId,
        long version,
        String userId,
        String voiceModelId,
        String text,
        String textHash,
        String textLanguage,
        String textFormat,
        int textLength,
        int wordCount,
        JobStatus status,
        double progress,
        String progressMessage,
        SynthesisSettings settings,
        String fileId,
        Double duration,
        List<TimedText> timestamps,
        String errorMessage,
        String errorCode,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        Long processingTimeMs,
        String callbackUrl,
        WebhookStatus webhook,
        Instant contentExpiredAt) {}
