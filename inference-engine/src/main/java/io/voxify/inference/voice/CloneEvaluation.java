package io.voxify.inference.voice;

/**
 * How close a profile's synthesis of {@link VoiceFitter#CHECK_SENTENCE} comes to the target speaker, next
 * to the same measurements for the default voice (flite:slt) without a profile.
 *
 * @param f0MedianHz                 median F0 of the profile's speech
 * @param f0RelativeError            |f0 − target| / target
 * @param embeddingSimilarity        cosine similarity of the profile's speech to the target embedding
 * @param defaultF0RelativeError     the same F0 error for the default voice
 * @param defaultEmbeddingSimilarity the same similarity for the default voice
 * @param qualityScore               0–1, see {@link VoiceFitter#evaluate}
 */
public record CloneEvaluation(
        double f0MedianHz,
        double f0RelativeError,
        double embeddingSimilarity,
        double defaultF0RelativeError,
        double defaultEmbeddingSimilarity,
        double qualityScore) {}
