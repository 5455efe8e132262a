package io.voxify.inference.decoding;

/**
 * @param frames   frames (samples per channel) decoded and handed to the sink
 * @param complete false when the stream ended before the length its header declares: it was cut short
 */
public record DecodeResult(AudioHeader header, long frames, boolean complete) {

    public double durationSeconds() {
        return (double) frames / header.sampleRate();
    }
}
