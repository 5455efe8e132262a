package io.voxify.events.job;

import java.time.Instant;
import java.util.List;

public record JobView(String jobId, String userId, String voiceModelId, String text, String textHash,
                      String textLanguage, int textLength, int wordCount, JobStatus status, double progress,
                      String progressMessage, SynthesisSettings settings, String fileId, Double duration,
                      List<TimedText> timestamps, String errorMessage, String errorCode, int attempts,
                      Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt,
                      Long processingTimeMs) {
}
