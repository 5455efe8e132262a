package io.voxify.inference;

/**
 * Receives a synthesis's output audio while it is being made, one piece at a time, in order: each spoken
 * sentence once it is synthesised and post-processed (pitch, speed, resampling to the request's rate, volume
 * and the limiter), and the silences between sentences. Concatenated, the pieces are exactly the samples
 * that are then encoded into the result.
 *
 * <p>Called on the synthesising thread: a listener must return quickly and must not modify the array.
 */
@FunctionalInterface
public interface AudioListener {

    AudioListener NONE = (samples, sampleRate) -> {};

    /** The next {@code samples} (mono, in [-1, 1]) at {@code sampleRate}, the request's output rate. */
    void onAudio(float[] samples, int sampleRate);
}
