package io.voxify.inference.decoding;

/**
 * What an audio stream says about itself before any of it is decoded.
 *
 * @param format         the container, recognised from the bytes: wav, mp3 or flac
 * @param encoding       how samples are coded: pcm_s16le, float32, flac, mp3 ...
 * @param bitsPerSample  bits per coded sample; 0 where the codec has none (MP3)
 * @param declaredFrames the length in frames (samples per channel) the header declares or, for an MP3
 *                       without a frame count, estimates from size and bitrate; -1 when unknown
 * @param declaredExact  whether {@code declaredFrames} is a count rather than an estimate
 */
public record AudioHeader(
        String format,
        String encoding,
        int channels,
        int sampleRate,
        int bitsPerSample,
        long declaredFrames,
        boolean declaredExact) {

    public double declaredSeconds() {
        return declaredFrames < 0 ? -1 : (double) declaredFrames / sampleRate;
    }
}
