package io.voxify.inference.audio;

import java.io.ByteArrayOutputStream;

import javax.sound.sampled.AudioFormat;

import de.sciss.jump3r.lowlevel.LameEncoder;

/**
 * MP3 through jump3r (LAME in Java), constant bit rate, mono. LAME covers every rate we offer through
 * MPEG-1 (32–48 kHz), MPEG-2 (16–24 kHz) and MPEG-2.5 (8–12 kHz), so the stream keeps the requested rate.
 */
public final class Mp3Encoder {

    private Mp3Encoder() {
    }

    /** Bit rates that keep speech transparent-sounding without bloating the file. */
    static int bitrateKbps(int sampleRate) {
        if (sampleRate <= 12000) {
            return 32;
        }
        if (sampleRate <= 24000) {
            return 64;
        }
        return 96;
    }

    public static byte[] encode(float[] samples, int sampleRate) {
        AudioFormat source = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, 1, 2, sampleRate, false);
        LameEncoder encoder = new LameEncoder(source, bitrateKbps(sampleRate), LameEncoder.CHANNEL_MODE_MONO,
                LameEncoder.QUALITY_MIDDLE, false);
        try {
            byte[] pcm = Pcm.toLittleEndian16(samples);
            int chunk = encoder.getPCMBufferSize();
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length / 8 + 1024);
            for (int off = 0; off < pcm.length; off += chunk) {
                int len = Math.min(chunk, pcm.length - off);
                int written = encoder.encodeBuffer(pcm, off, len, buffer);
                out.write(buffer, 0, written);
            }
            int written = encoder.encodeFinish(buffer);
            out.write(buffer, 0, written);
            return out.toByteArray();
        } finally {
            encoder.close();
        }
    }
}
