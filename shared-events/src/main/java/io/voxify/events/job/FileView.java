package io.voxify.events.job;

import java.time.Instant;

public record FileView(
        String fileId,
        String ownerId,
        String jobId,
        String blobKey,
        String format,
        String contentType,
        int sampleRate,
        int channels,
        long sizeBytes,
        double durationSeconds,
        String sha256,
        Instant createdAt) {}
