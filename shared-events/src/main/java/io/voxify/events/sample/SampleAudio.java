package io.voxify.events.sample;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;

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
        @PersonalData(KeyScope.SAMPLE) String originalFilename) {}
