package io.voxify.inference.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import net.sourceforge.javaflacencoder.EncodingConfiguration;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/** FLAC, 16-bit mono, through java-flac-encoder. */
public final class FlacEncoder {

    private static final int BLOCK_SIZE = 4096;

    private FlacEncoder() {}

    public static byte[] encode(float[] samples, int sampleRate) {
        StreamConfiguration stream =
                new StreamConfiguration(1, StreamConfiguration.MIN_BLOCK_SIZE, BLOCK_SIZE, sampleRate, 16);
        FLACEncoder encoder = new FLACEncoder();
        SeekableBuffer out = new SeekableBuffer();
        encoder.setStreamConfiguration(stream);
        encoder.setEncodingConfiguration(new EncodingConfiguration());
        encoder.setOutputStream(out);
        encoder.setThreadCount(1);
        int[] pcm = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = Pcm.toShort(samples[i]);
        }
        try {
            encoder.openFLACStream();
            encoder.addSamples(pcm, pcm.length);
            encoder.encodeSamples(encoder.samplesAvailableToEncode(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * In-memory output the encoder can seek back into: it rewrites STREAMINFO (total samples, MD5) when the
     * stream ends, which the plain stream wrapper of the library cannot do.
     */
    private static final class SeekableBuffer implements FLACOutputStream {
        private byte[] data = new byte[8192];
        private int size;
        private int pos;

        @Override
        public long seek(long position) {
            pos = (int) position;
            return pos;
        }

        @Override
        public int write(byte[] b, int off, int len) {
            ensure(pos + len);
            System.arraycopy(b, off, data, pos, len);
            pos += len;
            size = Math.max(size, pos);
            return len;
        }

        @Override
        public void write(byte b) {
            ensure(pos + 1);
            data[pos++] = b;
            size = Math.max(size, pos);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public boolean canSeek() {
            return true;
        }

        @Override
        public long getPos() {
            return pos;
        }

        private void ensure(int capacity) {
            if (capacity > data.length) {
                data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
