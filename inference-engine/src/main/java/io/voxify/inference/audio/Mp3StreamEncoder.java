package io.voxify.inference.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;

/**
 * MP3 made piece by piece, for streaming: 16-bit little-endian mono PCM goes in as it arrives and whatever
 * frames LAME has completed come out, with the same settings as {@link Mp3Encoder}. The stream cannot be
 * rewound, so its first frame (reserved for the Info tag) stays a silent frame and it carries no gapless
 * information: a decoder plays about 50 ms of extra silence (encoder delay and padding) around the audio.
 * Not thread-safe; {@link #finish()} once, which also releases the encoder.
 */
public final class Mp3StreamEncoder implements AutoCloseable {
    private final LameEncoder encoder;
    private final byte[] buffer;
    private final int chunk;
    private byte[] carry = new byte[0];
    private boolean closed;

    public Mp3StreamEncoder(int sampleRate) {
        AudioFormat source = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, 1, 2, sampleRate, false);
        encoder = new LameEncoder(
                source,
                Mp3Encoder.bitrateKbps(sampleRate),
                LameEncoder.CHANNEL_MODE_MONO,
                LameEncoder.QUALITY_MIDDLE,
                false);
        buffer = new byte[encoder.getMP3BufferSize()];
        chunk = encoder.getPCMBufferSize();
    }

    /** Encodes the next PCM (any length; an odd trailing byte waits for the next call); returns new MP3 bytes. */
    public byte[] encode(byte[] pcm) {
        byte[] in = pcm;
        if (carry.length > 0) {
            in = new byte[carry.length + pcm.length];
            System.arraycopy(carry, 0, in, 0, carry.length);
            System.arraycopy(pcm, 0, in, carry.length, pcm.length);
        }
        int whole = in.length & ~1;
        carry = Arrays.copyOfRange(in, whole, in.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(whole / 8 + 64);
        for (int off = 0; off < whole; off += chunk) {
            int len = Math.min(chunk, whole - off);
            int written = encoder.encodeBuffer(in, off, len, buffer);
            out.write(buffer, 0, written);
        }
        return out.toByteArray();
    }

    /** The last frames; the encoder is released. */
    public byte[] finish() {
        if (closed) {
            return new byte[0];
        }
        int written = encoder.encodeFinish(buffer);
        byte[] last = Arrays.copyOf(buffer, written);
        close();
        return last;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            encoder.close();
        }
    }
}
