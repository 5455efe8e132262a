package io.voxify.inference;

import io.voxify.inference.decoding.AudioHeader;
import io.voxify.inference.decoding.AudioLimits;
import io.voxify.inference.decoding.AudioStreamDecoder;
import io.voxify.inference.decoding.PcmSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Decodes WAV (PCM 8/16/24/32-bit, IEEE float 32/64, plain or extensible), MP3 and FLAC held in memory into
 * float PCM, for the platform's own audio (synthesis results, bundled recordings). The container is
 * recognised from the bytes, never from a file name. MP3 streams carrying a LAME/Xing tag have the encoder
 * delay and padding removed, so their length matches what was encoded.
 *
 * <p>Audio a client sent goes through {@link AudioStreamDecoder} with {@link AudioLimits#UPLOADS} instead,
 * which judges the header first and never holds more than the limits allow.
 */
public final class AudioDecoder {

    private AudioDecoder() {}

    public static DecodedAudio decode(byte[] bytes) {
        if (bytes == null) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO, "audio is empty or too short");
        }
        Collector collector = new Collector();
        try {
            AudioStreamDecoder.decode(new ByteArrayInputStream(bytes), bytes.length, AudioLimits.PLATFORM, collector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return collector.audio();
    }

    /** Keeps every channel, growing as blocks arrive. */
    private static final class Collector implements PcmSink {
        private AudioHeader header;
        private float[][] channels = new float[0][0];
        private int frames;

        @Override
        public void begin(AudioHeader header) {
            this.header = header;
            long expected = header.declaredFrames() > 0 ? header.declaredFrames() : 1 << 16;
            channels = new float[header.channels()][(int) Math.min(expected, 1 << 20)];
        }

        @Override
        public void accept(float[][] block, int n) {
            if (frames + n > channels[0].length) {
                int capacity =
                        (int) Math.min(Integer.MAX_VALUE - 8, Math.max(frames + (long) n, 2L * channels[0].length));
                for (int c = 0; c < channels.length; c++) {
                    channels[c] = Arrays.copyOf(channels[c], capacity);
                }
            }
            for (int c = 0; c < channels.length; c++) {
                System.arraycopy(block[c], 0, channels[c], frames, n);
            }
            frames += n;
        }

        DecodedAudio audio() {
            for (int c = 0; c < channels.length; c++) {
                if (channels[c].length != frames) {
                    channels[c] = Arrays.copyOf(channels[c], frames);
                }
            }
            return new DecodedAudio(channels, header.sampleRate(), header.format());
        }
    }
}
