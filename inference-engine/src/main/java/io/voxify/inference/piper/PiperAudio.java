package io.voxify.inference.piper;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A synthesised utterance: mono samples in [-1, 1] at the voice's sample rate, where each sentence lies, and
 * the phonemes the voice did not know (skipped, with their counts). The sample array is shared, not copied:
 * callers own the result.
 */
public record PiperAudio(
        float[] samples, int sampleRate, List<SentenceTiming> sentences, Map<String, Integer> missingPhonemes) {

    public PiperAudio {
        sentences = List.copyOf(sentences);
        missingPhonemes = Collections.unmodifiableMap(new TreeMap<>(missingPhonemes));
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
