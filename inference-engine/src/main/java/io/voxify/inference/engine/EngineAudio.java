package io.voxify.inference.engine;

import java.util.List;

/** One engine call's output at the engine's native rate. */
public record EngineAudio(float[] samples, int sampleRate, List<WordTiming> words) {

    public EngineAudio {
        words = List.copyOf(words);
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
