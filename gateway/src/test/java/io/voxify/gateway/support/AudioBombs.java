package io.voxify.gateway.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hostile audio written byte by byte: headers that lie, and hours of audio in little space. (The inference
 * engine's AudioStreamDecoderTest has its own writers; modules share no test code.)
 */
public final class AudioBombs {

    private AudioBombs() {}

    /** A 16-byte-fmt WAV whose data chunk declares {@code dataSize} (0xFFFFFFFF: streamed), {@code total} bytes long. */
    public static byte[] wav(int channels, int rate, int bits, long dataSize, int total) {
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt((int) Math.min(0xffffffffL, dataSize + 36))
                .put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        b.put("data".getBytes()).putInt((int) dataSize);
        return b.array();
    }

    /**
     * FLAC silence in frames of 65,535 samples with CONSTANT subframes, a few bytes each: {@code seconds} of
     * audio in kilobytes. {@code declaredSamples} 0 leaves STREAMINFO's total "unknown".
     */
    public static byte[] flacSilence(int channels, int rate, int bits, long declaredSamples, double seconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(42);
        head.put("fLaC".getBytes()).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34);
        head.putShort((short) 65535).putShort((short) 65535).put(new byte[6]);
        head.putLong((long) rate << 44 | (long) (channels - 1) << 41 | (long) (bits - 1) << 36 | declaredSamples);
        out.writeBytes(head.array());
        long samples = (long) (seconds * rate);
        for (int frame = 0; samples > 0; frame++) {
            int block = (int) Math.min(65535, samples);
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0xff);
            f.write(0xf8);
            f.write(0x70);
            f.write((channels - 1) << 4);
            if (frame < 0x80) {
                f.write(frame);
            } else {
                f.write(0xe0 | frame >> 12);
                f.write(0x80 | (frame >> 6) & 0x3f);
                f.write(0x80 | frame & 0x3f);
            }
            f.write((block - 1) >> 8);
            f.write((block - 1) & 0xff);
            f.write(crc(f.toByteArray(), 8, 0x07));
            for (int c = 0; c < channels; c++) {
                f.writeBytes(new byte[1 + (bits + 7) / 8]);
            }
            int crc16 = crc(f.toByteArray(), 16, 0x8005);
            f.write(crc16 >> 8);
            f.write(crc16 & 0xff);
            out.writeBytes(f.toByteArray());
            samples -= block;
        }
        return out.toByteArray();
    }

    private static int crc(byte[] data, int width, int polynomial) {
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        int crc = 0;
        for (byte d : data) {
            crc ^= (d & 0xff) << (width - 8);
            for (int i = 0; i < 8; i++) {
                crc = ((crc & top) != 0 ? (crc << 1) ^ polynomial : crc << 1) & mask;
            }
        }
        return crc;
    }

    /** {@code total} bytes of silent MPEG-2.5 layer III frames, 8 kHz mono, at these bitrates in turn (8 or 16 kbps). */
    public static byte[] mp3TinyFrames(int total, int... kbps) {
        byte[] out = new byte[total];
        for (int at = 0, i = 0; at < total; i++) {
            int rate = kbps[i % kbps.length];
            int length = 9 * rate;
            if (at + 4 <= total) {
                out[at] = (byte) 0xff;
                out[at + 1] = (byte) 0xe3;
                out[at + 2] = (byte) ((rate / 8) << 4 | 2 << 2);
                out[at + 3] = (byte) 0xc0;
            }
            at += length;
        }
        return out;
    }
}
