package io.voxify.inference.decoding;

/** Where a streaming decoder hands its audio, block by block. */
public interface PcmSink {

    /** Takes nothing: the caller only wants to know what the stream is and how long it lasts. */
    PcmSink NONE = new PcmSink() {
        @Override
        public boolean needsSamples() {
            return false;
        }

        @Override
        public void accept(float[][] block, int frames) {}
    };

    /**
     * False lets a decoder count frames without producing samples where the format allows it (WAV data is
     * skipped, MP3 frames are walked header to header without synthesis); FLAC is decoded regardless, so
     * that every frame's checksum is checked.
     */
    default boolean needsSamples() {
        return true;
    }

    /** Called once, after the header passed the limits and before any block. */
    default void begin(AudioHeader header) {}

    /**
     * The next {@code frames} frames, one array per channel, samples in [-1, 1]. The arrays are reused for
     * the next block: copy what must be kept.
     */
    void accept(float[][] block, int frames);
}
