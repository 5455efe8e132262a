package io.voxify.events.job;

import java.util.Map;

/**
 * How a job's audio is to be made. {@code config} keeps the client's config object as sent, so
 * it can be shown back; the typed fields are what the engine honours.
 */
public record SynthesisSettings(
        double speed,
        double pitch,
        double volume,
        String outputFormat,
        int sampleRate,
        String emotion,
        boolean includeTimestamps,
        String timestampGranularity,
        Map<String, Object> config) {}
