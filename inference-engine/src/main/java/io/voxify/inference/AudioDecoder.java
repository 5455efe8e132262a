package io.voxify.inference;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * Decodes WAV (PCM 8/16/24/32-bit, IEEE float 32/64, plain or extensible), MP3 and FLAC into float PCM.
 * The container is recognised from the bytes, never from a file name. MP3 streams carrying a LAME/Xing
 * tag have the encoder delay and padding removed, so their length matches what was encoded.
 */
public final class AudioDecoder {

    /** Output delay of the layer III synthesis filterbank, which LAME's delay field does not include. */
    private static final int MP3_DECODER_DELAY = 529;

    private AudioDecoder() {
    }

    public static DecodedAudio decode(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO, "audio is empty or too short");
        }
        try {
            if (startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WAVE")) {
                return decodeWav(bytes);
            }
            int afterId3 = skipId3(bytes);
            if (startsWith(bytes, afterId3, "fLaC")) {
                return decodeFlac(bytes, afterId3);
            }
            if (isMp3FrameAt(bytes, afterId3)) {
                return decodeMp3(bytes, afterId3);
            }
        } catch (IOException | JavaLayerException | RuntimeException e) {
            if (e instanceof SynthesisException se) {
                throw se;
            }
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO, "audio could not be decoded: " + e, e);
        }
        throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO,
                "audio is not WAV, MP3 or FLAC (recognised by content)");
    }

    private static DecodedAudio decodeWav(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int formatTag = -1;
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        int dataStart = -1;
        int dataLength = 0;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = b.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                formatTag = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                sampleRate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xffff;
                if (formatTag == 0xFFFE && size >= 26) {
                    formatTag = b.getShort(body + 24) & 0xffff;
                }
            } else if (id.equals("data")) {
                dataStart = body;
                // Streamed WAVs leave the size at 0 or -1: the data then runs to the end.
                long available = bytes.length - body;
                dataLength = (int) (size == 0 || size > available ? available : size);
                break;
            }
            pos = (int) Math.min(bytes.length, body + size + (size & 1));
        }
        if (formatTag < 0 || dataStart < 0 || channels <= 0 || sampleRate <= 0) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO, "WAV lacks a fmt or data chunk");
        }
        boolean pcm = formatTag == 1;
        boolean ieeeFloat = formatTag == 3;
        if (!(pcm && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(ieeeFloat && (bits == 32 || bits == 64))) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO,
                    "WAV encoding not supported: format " + formatTag + ", " + bits + " bits");
        }
        int bytesPerSample = bits / 8;
        int frames = dataLength / (bytesPerSample * channels);
        float[][] out = new float[channels][frames];
        int p = dataStart;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = switch (bits) {
                    case 8 -> ((bytes[p] & 0xff) - 128) / 128f;
                    case 16 -> b.getShort(p) / 32768f;
                    case 24 -> ((bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | bytes[p + 2] << 16) / 8388608f;
                    case 32 -> ieeeFloat ? b.getFloat(p) : (float) (b.getInt(p) / 2147483648.0);
                    default -> (float) b.getDouble(p);
                };
                p += bytesPerSample;
            }
        }
        return new DecodedAudio(out, sampleRate, "wav");
    }

    private static DecodedAudio decodeFlac(byte[] bytes, int offset) throws IOException {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
        FlacCollector collector = new FlacCollector();
        decoder.addPCMProcessor(collector);
        decoder.decode();
        if (collector.info == null) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO, "FLAC stream has no STREAMINFO");
        }
        int channels = collector.info.getChannels();
        int bits = collector.info.getBitsPerSample();
        int bytesPerSample = (bits + 7) / 8;
        byte[] data = collector.pcm.toByteArray();
        int frames = data.length / (bytesPerSample * channels);
        float[][] out = new float[channels][frames];
        float scale = 1f / (1 << (8 * bytesPerSample - 1));
        int p = 0;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                int v = switch (bytesPerSample) {
                    case 1 -> (data[p] & 0xff) - 128;
                    case 2 -> (short) ((data[p] & 0xff) | (data[p + 1] << 8));
                    default -> (data[p] & 0xff) | (data[p + 1] & 0xff) << 8 | data[p + 2] << 16;
                };
                out[c][i] = v * scale;
                p += bytesPerSample;
            }
        }
        return new DecodedAudio(out, collector.info.getSampleRate(), "flac");
    }

    private static final class FlacCollector implements PCMProcessor {
        StreamInfo info;
        final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

        @Override
        public void processStreamInfo(StreamInfo streamInfo) {
            info = streamInfo;
        }

        @Override
        public void processPCM(ByteData data) {
            pcm.write(data.getData(), 0, data.getLen());
        }
    }

    private static DecodedAudio decodeMp3(byte[] bytes, int firstFrame) throws JavaLayerException {
        GaplessInfo gapless = readGaplessInfo(bytes, firstFrame);
        Bitstream stream = new Bitstream(new ByteArrayInputStream(bytes));
        Decoder decoder = new Decoder();
        List<short[]> chunks = new ArrayList<>();
        int channels = 0;
        int sampleRate = 0;
        int total = 0;
        boolean first = true;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(header, stream);
                stream.closeFrame();
                if (first && gapless.tagFrame) {
                    first = false;
                    continue;
                }
                first = false;
                channels = buffer.getChannelCount();
                sampleRate = buffer.getSampleFrequency();
                short[] chunk = Arrays.copyOf(buffer.getBuffer(), buffer.getBufferLength());
                chunks.add(chunk);
                total += chunk.length;
            }
        } finally {
            stream.close();
        }
        if (channels == 0) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_AUDIO, "MP3 stream has no audio frames");
        }
        int frames = total / channels;
        int skip = 0;
        int keep = frames;
        if (gapless.delay >= 0) {
            skip = Math.min(frames, gapless.delay + MP3_DECODER_DELAY);
            keep = Math.max(0, Math.min(frames - skip, frames - gapless.delay - gapless.padding));
        }
        float[][] out = new float[channels][keep];
        int frame = 0;
        for (short[] chunk : chunks) {
            for (int i = 0; i + channels <= chunk.length; i += channels, frame++) {
                int index = frame - skip;
                if (index < 0 || index >= keep) {
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    out[c][index] = chunk[i + c] / 32768f;
                }
            }
        }
        return new DecodedAudio(out, sampleRate, "mp3");
    }

    private record GaplessInfo(boolean tagFrame, int delay, int padding) {
    }

    /** The Xing/Info frame LAME writes first, with encoder delay and end padding in its LAME extension. */
    private static GaplessInfo readGaplessInfo(byte[] b, int frame) {
        int version = (b[frame + 1] >> 3) & 3;
        boolean mono = ((b[frame + 3] >> 6) & 3) == 3;
        int sideInfo = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int tag = frame + 4 + sideInfo;
        if (tag + 8 > b.length || !(startsWith(b, tag, "Xing") || startsWith(b, tag, "Info"))) {
            return new GaplessInfo(false, -1, 0);
        }
        int flags = ByteBuffer.wrap(b, tag + 4, 4).getInt();
        int lame = tag + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0)
                + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
        if (lame + 24 > b.length || !(startsWith(b, lame, "LAME") || startsWith(b, lame, "Lavc")
                || startsWith(b, lame, "Lavf"))) {
            return new GaplessInfo(true, -1, 0);
        }
        int d = lame + 21;
        int delay = ((b[d] & 0xff) << 4) | ((b[d + 1] & 0xff) >> 4);
        int padding = ((b[d + 1] & 0x0f) << 8) | (b[d + 2] & 0xff);
        return new GaplessInfo(true, delay, padding);
    }

    private static int skipId3(byte[] b) {
        if (startsWith(b, 0, "ID3") && b.length >= 10) {
            int size = (b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f);
            boolean footer = (b[5] & 0x10) != 0;
            return Math.min(b.length, 10 + size + (footer ? 10 : 0));
        }
        return 0;
    }

    private static boolean isMp3FrameAt(byte[] b, int i) {
        if (i + 4 > b.length) {
            return false;
        }
        int layer = (b[i + 1] >> 1) & 3;
        int version = (b[i + 1] >> 3) & 3;
        int bitrate = (b[i + 2] >> 4) & 0xf;
        int rate = (b[i + 2] >> 2) & 3;
        return (b[i] & 0xff) == 0xff && (b[i + 1] & 0xe0) == 0xe0 && layer == 1 && version != 1
                && bitrate != 0xf && rate != 3;
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        if (offset < 0 || offset + ascii.length() > b.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
