package io.voxify.inference.decoding;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Audio files written byte by byte, as an attacker would: headers that lie, and hours of audio in little space. */
final class HostileAudio {

    private HostileAudio() {}

    /** A RIFF/WAVE header whose data chunk declares {@code dataSize} bytes (0xFFFFFFFF: streamed). */
    static byte[] wavHeader(int formatTag, int channels, int rate, int bits, long dataSize) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt((int) Math.min(0xffffffffL, dataSize + 36))
                .put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) formatTag)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        b.put("data".getBytes()).putInt((int) dataSize);
        return b.array();
    }

    static byte[] wav(int formatTag, int channels, int rate, int bits, long dataSize, int actualBytes) {
        byte[] header = wavHeader(formatTag, channels, rate, bits, dataSize);
        byte[] file = new byte[header.length + actualBytes];
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }

    /** {@code fLaC} and a STREAMINFO block; {@code totalSamples} 0 means "unknown". */
    static byte[] flacHead(int channels, int rate, int bits, long totalSamples) {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.put("fLaC".getBytes()).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34);
        b.putShort((short) 65535).putShort((short) 65535);
        b.put(new byte[6]);
        b.putLong((long) rate << 44 | (long) (channels - 1) << 41 | (long) (bits - 1) << 36 | totalSamples);
        b.put(new byte[16]);
        return b.array();
    }

    /**
     * A FLAC of silence in frames of 65,535 samples whose subframes are CONSTANT: a frame is 9 bytes plus 3 or 4
     * a channel, so an hour of 8 channels at 192 kHz fits in under half a megabyte.
     */
    static byte[] flacSilence(int channels, int rate, int bits, long declaredSamples, double seconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(flacHead(channels, rate, bits, declaredSamples));
        long samples = (long) (seconds * rate);
        for (long frame = 0; samples > 0; frame++) {
            int block = (int) Math.min(65535, samples);
            out.writeBytes(constantFrame(frame, block, channels, bits));
            samples -= block;
        }
        return out.toByteArray();
    }

    static byte[] constantFrame(long frameNumber, int blockSize, int channels, int bits) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0xff);
        f.write(0xf8);
        // Block size: 16 bits at the end of the header; rate and sample size: from STREAMINFO.
        f.write(0x70);
        f.write((channels - 1) << 4);
        f.writeBytes(utf8(frameNumber));
        f.write((blockSize - 1) >> 8);
        f.write((blockSize - 1) & 0xff);
        f.write(crc8(f.toByteArray()));
        for (int c = 0; c < channels; c++) {
            f.write(0);
            f.writeBytes(new byte[(bits + 7) / 8]);
        }
        int crc = crc16(f.toByteArray());
        f.write(crc >> 8);
        f.write(crc & 0xff);
        return f.toByteArray();
    }

    private static byte[] utf8(long v) {
        if (v < 0x80) {
            return new byte[] {(byte) v};
        }
        if (v < 0x800) {
            return new byte[] {(byte) (0xc0 | v >> 6), (byte) (0x80 | v & 0x3f)};
        }
        return new byte[] {(byte) (0xe0 | v >> 12), (byte) (0x80 | (v >> 6) & 0x3f), (byte) (0x80 | v & 0x3f)};
    }

    private static int crc8(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= d & 0xff;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
            }
        }
        return crc;
    }

    private static int crc16(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= (d & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
            }
        }
        return crc;
    }

    /**
     * A silent MPEG-2.5 layer III frame, 8 kHz mono: 576 samples in {@code kbps × 9} bytes (72 bytes at 8 kbps,
     * the smallest frame there is).
     */
    static byte[] mp3Frame(int kbps) {
        int index = switch (kbps) {
            case 8 -> 1;
            case 16 -> 2;
            case 24 -> 3;
            case 32 -> 4;
            default -> throw new IllegalArgumentException("kbps " + kbps);
        };
        byte[] frame = new byte[72 * kbps * 1000 / 8000];
        frame[0] = (byte) 0xff;
        frame[1] = (byte) 0xe3;
        frame[2] = (byte) (index << 4 | 2 << 2);
        frame[3] = (byte) 0xc0;
        return frame;
    }

    /** A first frame carrying a Xing tag that declares {@code frames} frames. */
    static byte[] mp3XingFrame(long frames) {
        byte[] frame = mp3Frame(32);
        int tag = 4 + 9;
        System.arraycopy("Xing".getBytes(), 0, frame, tag, 4);
        ByteBuffer.wrap(frame, tag + 4, 8).putInt(1).putInt((int) frames);
        return frame;
    }

    /**
     * {@code totalBytes} of MP3 made of the given frames in turn, produced as read: a 50 MB bomb without
     * holding 50 MB. Counts what was read, so a test can see where the decoder stopped.
     */
    static final class Mp3FrameStream extends InputStream {
        private final byte[][] frames;
        private final long totalBytes;
        long read;
        private int frame;
        private int inFrame;

        Mp3FrameStream(long totalBytes, byte[]... frames) {
            this.frames = frames;
            this.totalBytes = totalBytes;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= totalBytes) {
                return -1;
            }
            int n = (int) Math.min(len, totalBytes - read);
            for (int i = 0; i < n; i++) {
                byte[] f = frames[frame];
                b[off + i] = f[inFrame++];
                if (inFrame == f.length) {
                    inFrame = 0;
                    frame = (frame + 1) % frames.length;
                }
            }
            read += n;
            return n;
        }
    }

    /** A header followed by {@code totalBytes} of zeros (silence in signed PCM), produced as read. */
    static final class PaddedStream extends InputStream {
        private final byte[] head;
        private final long totalBytes;
        long read;

        PaddedStream(byte[] head, long totalBytes) {
            this.head = head;
            this.totalBytes = totalBytes;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= totalBytes) {
                return -1;
            }
            int n = (int) Math.min(len, totalBytes - read);
            for (int i = 0; i < n; i++) {
                long at = read + i;
                b[off + i] = at < head.length ? head[(int) at] : 0;
            }
            read += n;
            return n;
        }
    }
}
