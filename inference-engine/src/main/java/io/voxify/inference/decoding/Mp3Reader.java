package io.voxify.inference.decoding;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG audio layer III, from its first frame (any ID3v2 tag is already skipped: JLayer would read a whole
 * tag into memory, and a tag may claim 256 MB). The length is declared by a Xing/Info or VBRI frame count,
 * or estimated from the size and the bitrate when the first frames share one bitrate (a constant-bitrate
 * file). LAME/Xing gapless information removes the encoder delay and padding, so the length matches what
 * was encoded.
 */
final class Mp3Reader {

    /** Output delay of the layer III synthesis filterbank, which LAME's delay field does not include. */
    static final int DECODER_DELAY = 529;

    private static final int MPEG1 = 3;
    private static final int[] BITRATES_V1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] BITRATES_V2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[][] RATES = {{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}};
    /** Frames that must agree on their bitrate before the size is trusted to tell the length. */
    private static final int CBR_EVIDENCE_FRAMES = 16;

    private Mp3Reader() {}

    /** An MPEG-1, 2 or 2.5 layer III frame header at {@code i}. */
    static boolean isFrameHeader(byte[] b, int i, int length) {
        if (i + 4 > length) {
            return false;
        }
        int layer = (b[i + 1] >> 1) & 3;
        int version = (b[i + 1] >> 3) & 3;
        int bitrate = (b[i + 2] >> 4) & 0xf;
        int rate = (b[i + 2] >> 2) & 3;
        return (b[i] & 0xff) == 0xff
                && (b[i + 1] & 0xe0) == 0xe0
                && layer == 1
                && version != 1
                && bitrate != 0xf
                && rate != 3;
    }

    private record FrameHeader(int version, int bitrateIndex, int sampleRate, int channels, int length) {

        static FrameHeader at(byte[] b, int i) {
            int version = (b[i + 1] >> 3) & 3;
            int bitrateIndex = (b[i + 2] >> 4) & 0xf;
            int sampleRate = RATES[version][(b[i + 2] >> 2) & 3];
            int padding = (b[i + 2] >> 1) & 1;
            int channels = ((b[i + 3] >> 6) & 3) == 3 ? 1 : 2;
            int kbps = (version == MPEG1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex];
            int length = kbps == 0 ? 0 : (version == MPEG1 ? 144 : 72) * kbps * 1000 / sampleRate + padding;
            return new FrameHeader(version, bitrateIndex, sampleRate, channels, length);
        }

        int kbps() {
            return (version == MPEG1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex];
        }

        int samplesPerFrame() {
            return version == MPEG1 ? 1152 : 576;
        }

        String versionName() {
            return version == MPEG1 ? "MPEG-1" : version == 2 ? "MPEG-2" : "MPEG-2.5";
        }
    }

    /**
     * @param offset    bytes before the first frame (ID3 tags)
     * @param sizeBytes the whole stream's length, or -1
     */
    static DecodeResult read(PushbackInputStream in, long offset, long sizeBytes, AudioLimits limits, PcmSink sink)
            throws IOException {
        byte[] look = in.readNBytes(AudioStreamDecoder.LOOKAHEAD);
        in.unread(look);
        FrameHeader first = FrameHeader.at(look, 0);
        String encoding = "mp3 " + first.versionName() + " layer III";
        String problem = first.bitrateIndex() == 0 ? "a free-format bitrate (a standard bitrate is required)" : null;
        limits.check("mp3", encoding, problem, first.channels(), first.sampleRate());
        Gapless gapless = Gapless.read(look, 0);
        AudioHeader header = declare(look, first, gapless, encoding, offset, sizeBytes);
        long maxFrames = limits.maxFrames(first.sampleRate());
        if (header.declaredFrames() > maxFrames) {
            throw AudioRejected.declaredTooLong(header, limits.maxSeconds());
        }
        sink.begin(header);

        int channels = first.channels();
        long skip = gapless.delay() >= 0 ? gapless.delay() + DECODER_DELAY : 0;
        int hold = gapless.delay() >= 0 ? Math.max(0, gapless.padding() - DECODER_DELAY) : 0;
        boolean samples = sink.needsSamples();
        Tail tail = samples ? new Tail(channels, hold, sink) : null;
        Bitstream stream = new Bitstream(in);
        Decoder decoder = samples ? new Decoder() : null;
        long decoded = 0;
        boolean firstFrame = true;
        try {
            Header h;
            while ((h = stream.readFrame()) != null) {
                boolean consistent = h.layer() == 3
                        && h.frequency() == first.sampleRate()
                        && (h.mode() == Header.SINGLE_CHANNEL ? 1 : 2) == channels;
                if (!consistent) {
                    stream.closeFrame();
                    continue;
                }
                SampleBuffer buffer = samples ? (SampleBuffer) decoder.decodeFrame(h, stream) : null;
                stream.closeFrame();
                if (firstFrame && gapless.tagFrame()) {
                    firstFrame = false;
                    continue;
                }
                firstFrame = false;
                int n = samples ? buffer.getBufferLength() / channels : h.version() == Header.MPEG1 ? 1152 : 576;
                long before = decoded;
                decoded += n;
                // Everything past the skip except the held-back tail will be audio: past the limit, stop.
                if (decoded - skip - hold > maxFrames) {
                    throw AudioRejected.decodedTooLong(header, limits.maxSeconds());
                }
                if (samples && decoded > skip) {
                    int from = (int) Math.max(0, skip - before);
                    tail.add(buffer.getBuffer(), from, n);
                }
            }
        } catch (JavaLayerException e) {
            throw new IOException(e);
        } finally {
            try {
                stream.close();
            } catch (JavaLayerException ignored) {
                // the caller owns and closes the source
            }
        }
        if (decoded == 0) {
            throw AudioRejected.broken("The MP3 stream has no audio frames");
        }
        long frames = gapless.delay() >= 0 ? Math.max(0, decoded - skip - hold) : decoded;
        return new DecodeResult(header, frames, true);
    }

    private static AudioHeader declare(
            byte[] look, FrameHeader first, Gapless gapless, String encoding, long offset, long sizeBytes) {
        int spf = first.samplesPerFrame();
        long frames = gapless.frames() >= 0 ? gapless.frames() : vbriFrames(look);
        if (frames >= 0) {
            long trimmed = gapless.delay() >= 0 ? frames * spf - gapless.delay() - gapless.padding() : frames * spf;
            return new AudioHeader(
                    "mp3", encoding, first.channels(), first.sampleRate(), 0, Math.max(0, trimmed), true);
        }
        if (sizeBytes > offset && first.kbps() > 0 && constantBitrate(look, first)) {
            long estimated = (long) ((sizeBytes - offset) * 8.0 / (first.kbps() * 1000.0) * first.sampleRate());
            return new AudioHeader("mp3", encoding, first.channels(), first.sampleRate(), 0, estimated, false);
        }
        return new AudioHeader("mp3", encoding, first.channels(), first.sampleRate(), 0, -1, false);
    }

    /** The first frames, as far as the look-ahead reaches, all at the first one's bitrate. */
    private static boolean constantBitrate(byte[] look, FrameHeader first) {
        int pos = 0;
        for (int i = 0; i < CBR_EVIDENCE_FRAMES && pos + 4 <= look.length; i++) {
            if (!isFrameHeader(look, pos, look.length)) {
                return false;
            }
            FrameHeader h = FrameHeader.at(look, pos);
            if (h.bitrateIndex() != first.bitrateIndex() || h.sampleRate() != first.sampleRate() || h.length() == 0) {
                return false;
            }
            pos += h.length();
        }
        return true;
    }

    /** The frame count of a Fraunhofer VBRI header, 32 bytes after the first frame's header; -1 if none. */
    private static long vbriFrames(byte[] b) {
        int tag = 4 + 32;
        if (tag + 18 > b.length || !AudioStreamDecoder.ascii(b, tag, "VBRI")) {
            return -1;
        }
        return ByteBuffer.wrap(b, tag + 14, 4).getInt() & 0xffffffffL;
    }

    /** What a Xing/Info frame (written first by LAME and others) says: frame count, encoder delay and padding. */
    private record Gapless(boolean tagFrame, long frames, int delay, int padding) {

        static Gapless read(byte[] b, int frame) {
            int version = (b[frame + 1] >> 3) & 3;
            boolean mono = ((b[frame + 3] >> 6) & 3) == 3;
            int sideInfo = version == MPEG1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
            int tag = frame + 4 + sideInfo;
            if (tag + 8 > b.length
                    || !(AudioStreamDecoder.ascii(b, tag, "Xing") || AudioStreamDecoder.ascii(b, tag, "Info"))) {
                return new Gapless(false, -1, -1, 0);
            }
            int flags = ByteBuffer.wrap(b, tag + 4, 4).getInt();
            long frames = (flags & 1) != 0 && tag + 12 <= b.length
                    ? ByteBuffer.wrap(b, tag + 8, 4).getInt() & 0xffffffffL
                    : -1;
            int lame = tag
                    + 8
                    + ((flags & 1) != 0 ? 4 : 0)
                    + ((flags & 2) != 0 ? 4 : 0)
                    + ((flags & 4) != 0 ? 100 : 0)
                    + ((flags & 8) != 0 ? 4 : 0);
            if (lame + 24 > b.length
                    || !(AudioStreamDecoder.ascii(b, lame, "LAME")
                            || AudioStreamDecoder.ascii(b, lame, "Lavc")
                            || AudioStreamDecoder.ascii(b, lame, "Lavf"))) {
                return new Gapless(true, frames, -1, 0);
            }
            int d = lame + 21;
            int delay = ((b[d] & 0xff) << 4) | ((b[d + 1] & 0xff) >> 4);
            int padding = ((b[d + 1] & 0x0f) << 8) | (b[d + 2] & 0xff);
            return new Gapless(true, frames, delay, padding);
        }
    }

    /**
     * Holds back the last {@code hold} frames decoded, so that the encoder's end padding can be dropped when
     * the stream ends without knowing in advance where it ends.
     */
    private static final class Tail {
        private final int channels;
        private final int hold;
        private final PcmSink sink;
        private float[][] pending;
        private int count;

        Tail(int channels, int hold, PcmSink sink) {
            this.channels = channels;
            this.hold = hold;
            this.sink = sink;
            this.pending = new float[channels][hold + 1152];
        }

        void add(short[] interleaved, int from, int frames) {
            int n = frames - from;
            if (count + n > pending[0].length) {
                float[][] grown = new float[channels][count + n];
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(pending[c], 0, grown[c], 0, count);
                }
                pending = grown;
            }
            for (int i = from; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    pending[c][count + i - from] = interleaved[i * channels + c] / 32768f;
                }
            }
            count += n;
            int ready = count - hold;
            if (ready > 0) {
                sink.accept(pending, ready);
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(pending[c], ready, pending[c], 0, hold);
                }
                count = hold;
            }
        }
    }
}
