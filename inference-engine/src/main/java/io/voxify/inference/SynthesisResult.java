package io.voxify.inference;

import java.util.List;

/** Encoded audio plus facts about it. */
public record SynthesisResult(
        byte[] audio,
        String format,
        String contentType,
        int sampleRate,
        int channels,
        double durationSeconds,
        List<Timestamp> timestamps,
        long engineCpuNanos) {

    public SynthesisResult {
        timestamps = List.copyOf(timestamps);
    }
}
