package io.voxify.events.job;

/**
 * The stored result of a synthesis. {@code blobKey} is the server's own storage reference; it
 * never reaches a client.
 */
public record AudioOutput(
        String fileId,
        String blobKey,
        String format,
        String contentType,
        int sampleRate,
        int channels,
        long sizeBytes,
        double durationSeconds,
        String sha256) {}
