package io.voxify.events.sample;

/**
 * The uploaded recording as stored: where its original bytes are (a server-made blob key),
 * their digest, and what decoding found.
 */
public record SampleAudio(
        String blobKey,
        String sha256,
        String format,
        long sizeBytes,
        double durationSeconds,
        int sampleRate,
        int channels,
        String originalFilename) {}
