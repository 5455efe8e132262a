package io.voxify.inference.synthesis;

/**
 * What one stretch of speech is made with, once the request, its emotion, a voice profile and SSML prosody
 * have been multiplied together: factors on the engine's speed, pitch and intonation range, linear volume, the
 * output format and rate, and the profile's formant scale, breathiness and pause factor.
 */
public record Settings(
        double speed,
        double pitch,
        double range,
        double volume,
        String format,
        int sampleRate,
        boolean sentenceGranularity,
        double formantScale,
        double breathiness,
        double pauseFactor) {}
