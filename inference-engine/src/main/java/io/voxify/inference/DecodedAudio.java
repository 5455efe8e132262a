package io.voxify.inference;

/**
 * PCM audio as floats in [-1, 1].
 *
 * @param channels [channel][sample]
 * @param format   the container the bytes were recognised as: wav, mp3 or flac
 */
public record DecodedAudio(float[][] channels, int sampleRate, String format) {

    public int frameCount() {
        return channels.length == 0 ? 0 : channels[0].length;
    }

    public double durationSeconds() {
        return sampleRate == 0 ? 0 : (double) frameCount() / sampleRate;
    }

    /** The channel average; the first channel itself when there is only one. */
    public float[] mono() {
        if (channels.length == 1) {
            return channels[0];
        }
        int n = frameCount();
        float[] mix = new float[n];
        for (float[] channel : channels) {
            for (int i = 0; i < n; i++) {
                mix[i] += channel[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < n; i++) {
            mix[i] *= scale;
        }
        return mix;
    }
}
