package io.voxify.events.clone;

/**
 * Measured on a fixed check sentence synthesised with the clone, against the samples, next to
 * the same figures for the default voice.
 */
public record CloneQuality(
        double targetF0MedianHz,
        double f0MedianHz,
        double f0RelativeError,
        double embeddingSimilarity,
        double defaultF0RelativeError,
        double defaultEmbeddingSimilarity,
        double qualityScore,
        String method) {}
