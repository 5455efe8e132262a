package io.voxify.inference.voice;

/**
 * One training epoch.
 *
 * @param epoch         1-based
 * @param loss          loss of {@code profile}, see {@link ProfileTrainer}
 * @param profile       the profile this epoch measured
 * @param elapsedMillis wall time since training started
 */
public record EpochResult(int epoch, double loss, VoiceProfile profile, long elapsedMillis) {}
