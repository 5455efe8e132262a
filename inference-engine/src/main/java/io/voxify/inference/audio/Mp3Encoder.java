package io.voxify.inference.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.sound.sampled.AudioFormat;

/**
 * MP3 through jump3r (LAME in Java), constant bit rate, mono, with a LAME "Info" tag carrying the encoder
 * delay and end padding, so that gapless-aware decoders return exactly the samples that went in. LAME covers every rate we offer through
 * MPEG-1 (32–48 kHz), MPEG-2 (16–24 kHz) and MPEG-2.5 (8–12 kHz), so the stream keeps the requested rate.
 */
public final class Mp3Encoder {

    private Mp3Encoder() {}

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
        LameEncoder encoder = new LameEncoder(
                source, bitrateKbps(sampleRate), LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
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
            byte[] mp3 = out.toByteArray();
            writeInfoTag(mp3, samples.length, bitrateKbps(sampleRate));
            return mp3;
        } finally {
            encoder.close();
        }
    }

    /** LAME's encoder delay in samples, measured against jump3r's output. */
    static final int ENCODER_DELAY = 576;

    /**
     * jump3r reserves the first frame for the Xing/LAME tag but, writing to a stream it cannot seek, leaves it
     * blank. Fill it in as LAME itself does. Streams not shaped like that are left untouched.
     */
    static void writeInfoTag(byte[] mp3, int pcmSamples, int bitrateKbps) {
        int[] first = frameInfo(mp3, 0);
        if (first == null) {
            return;
        }
        int frameLength = first[0];
        int samplesPerFrame = first[1];
        int sideInfo = first[2];
        int tag = 4 + sideInfo;
        for (int i = tag; i < frameLength; i++) {
            if (mp3[i] != 0) {
                return;
            }
        }
        if (tag + 156 > frameLength) {
            return;
        }
        int audioFrames = 0;
        int pos = frameLength;
        while (pos < mp3.length) {
            int[] info = frameInfo(mp3, pos);
            if (info == null) {
                return;
            }
            audioFrames++;
            pos += info[0];
        }
        int padding = audioFrames * samplesPerFrame - pcmSamples - ENCODER_DELAY;
        if (padding < 0 || padding > 0xFFF) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(mp3);
        b.position(tag);
        b.put(new byte[] {'I', 'n', 'f', 'o'}).putInt(0x0F).putInt(audioFrames).putInt(mp3.length);
        for (int i = 0; i < 100; i++) {
            b.put((byte) (i * 256 / 100));
        }
        b.putInt(57);
        int lame = b.position();
        b.put(new byte[] {'L', 'A', 'M', 'E', '3', '.', '9', '8', 'r'});
        b.put((byte) 0x01);
        b.position(lame + 20);
        b.put((byte) Math.min(255, bitrateKbps));
        b.put((byte) (ENCODER_DELAY >> 4))
                .put((byte) (((ENCODER_DELAY & 0xF) << 4) | (padding >> 8)))
                .put((byte) padding);
        b.position(lame + 28);
        b.putInt(mp3.length);
        b.putShort((short) crc16(mp3, frameLength, mp3.length - frameLength));
        b.putShort((short) crc16(mp3, 0, lame + 34));
    }

    /** {frame length in bytes, samples per frame, side-information length} of a layer III frame, or null. */
    private static int[] frameInfo(byte[] b, int at) {
        if (at + 4 > b.length || (b[at] & 0xff) != 0xff || (b[at + 1] & 0xe0) != 0xe0 || ((b[at + 1] >> 1) & 3) != 1) {
            return null;
        }
        int version = (b[at + 1] >> 3) & 3;
        int bitrateIndex = (b[at + 2] >> 4) & 0xf;
        int rateIndex = (b[at + 2] >> 2) & 3;
        if (version == 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        int[] rates = {44100, 48000, 32000};
        int rate = rates[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
        int[] bitratesV1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
        int[] bitratesV2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
        int bitrate = (mpeg1 ? bitratesV1 : bitratesV2)[bitrateIndex] * 1000;
        int pad = (b[at + 2] >> 1) & 1;
        boolean mono = ((b[at + 3] >> 6) & 3) == 3;
        int length = (mpeg1 ? 144 : 72) * bitrate / rate + pad;
        int side = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        return new int[] {length, mpeg1 ? 1152 : 576, side};
    }

    /** CRC-16 (polynomial 0x8005, reflected) as LAME computes it for the tag. */
    private static int crc16(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc & 0xffff;
    }
}
