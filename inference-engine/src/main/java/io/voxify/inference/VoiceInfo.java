package io.voxify.inference;

/**
 * A built-in voice the engine can speak.
 *
 * @param voiceId "flite:slt", "espeak:en-us", or with an espeak-ng variant "espeak:de+f3"
 * @param engine  "flite" or "espeak"
 * @param gender  "female", "male" or "unknown"
 */
public record VoiceInfo(
        String voiceId, String engine, String language, String gender, int nativeSampleRate, String description) {}
