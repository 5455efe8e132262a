package io.voxify.inference.decoding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** RIFF/WAVE, PCM 8/16/24/32-bit or IEEE float 32/64-bit, plain or extensible, read after its 12-byte head. */
final class WavReader {
    private static final int BLOCK_FRAMES = 4096;
    private static final long STREAMED = 0xffffffffL;

    private WavReader() {}

    static DecodeResult read(InputStream in, AudioLimits limits, PcmSink sink) throws IOException {
        byte[] chunk = new byte[8];
        ByteBuffer fmt = null;
        long dataSize;
        while (true) {
            if (in.readNBytes(chunk, 0, 8) < 8) {
                throw AudioRejected.broken(
                        fmt == null ? "The WAV file has no fmt chunk" : "The WAV file has no data chunk");
            }
            String id = new String(chunk, 0, 4, StandardCharsets.US_ASCII);
            long size =
                    ByteBuffer.wrap(chunk, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (id.equals("data")) {
                if (fmt == null) {
                    throw AudioRejected.broken("The WAV file has no fmt chunk before its data");
                }
                dataSize = size;
                break;
            }
            long skip = size + (size & 1);
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw AudioRejected.broken("The WAV fmt chunk is too short");
                }
                byte[] body = in.readNBytes((int) Math.min(size, 40));
                if (body.length < Math.min(size, 40)) {
                    throw AudioRejected.broken("The WAV file is truncated in its fmt chunk");
                }
                fmt = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
                skip -= body.length;
            }
            if (AudioStreamDecoder.skip(in, skip) < skip) {
                throw AudioRejected.broken(
                        fmt == null ? "The WAV file has no fmt chunk" : "The WAV file has no data chunk");
            }
        }
        int formatTag = fmt.getShort(0) & 0xffff;
        int channels = fmt.getShort(2) & 0xffff;
        int sampleRate = fmt.getInt(4);
        int bits = fmt.getShort(14) & 0xffff;
        if (formatTag == 0xFFFE && fmt.capacity() >= 26) {
            formatTag = fmt.getShort(24) & 0xffff;
        }
        String encoding = encoding(formatTag, bits);
        String encodingProblem = encoding == null ? "encoding format " + formatTag + " with " + bits + " bits" : null;
        limits.check(
                "wav",
                encoding == null ? "format " + formatTag + ", " + bits + " bits" : encoding,
                encodingProblem,
                channels,
                sampleRate);
        int bytesPerSample = bits / 8;
        int frameBytes = bytesPerSample * channels;
        // Streamed WAVs leave the size at 0 or 0xFFFFFFFF: the data then runs to the end of the stream.
        boolean streamed = dataSize == 0 || dataSize == STREAMED;
        AudioHeader header = new AudioHeader(
                "wav", encoding, channels, sampleRate, bits, streamed ? -1 : dataSize / frameBytes, true);
        long maxFrames = limits.maxFrames(sampleRate);
        if (header.declaredFrames() > maxFrames) {
            throw AudioRejected.declaredTooLong(header, limits.maxSeconds());
        }
        sink.begin(header);

        boolean samples = sink.needsSamples();
        byte[] buffer = new byte[BLOCK_FRAMES * frameBytes];
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        float[][] block = samples ? new float[channels][BLOCK_FRAMES] : null;
        long remaining = streamed ? Long.MAX_VALUE : dataSize;
        long frames = 0;
        int carried = 0;
        boolean ieeeFloat = formatTag == 3;
        while (remaining > 0) {
            int n = in.read(buffer, carried, (int) Math.min(buffer.length - carried, remaining));
            if (n < 0) {
                break;
            }
            remaining -= n;
            int held = carried + n;
            int whole = held / frameBytes;
            if (frames + whole > maxFrames) {
                throw AudioRejected.decodedTooLong(header, limits.maxSeconds());
            }
            if (samples && whole > 0) {
                int p = 0;
                for (int i = 0; i < whole; i++) {
                    for (int c = 0; c < channels; c++) {
                        block[c][i] = switch (bits) {
                            case 8 -> ((buffer[p] & 0xff) - 128) / 128f;
                            case 16 -> b.getShort(p) / 32768f;
                            case 24 ->
                                ((buffer[p] & 0xff) | (buffer[p + 1] & 0xff) << 8 | buffer[p + 2] << 16) / 8388608f;
                            case 32 -> ieeeFloat ? b.getFloat(p) : (float) (b.getInt(p) / 2147483648.0);
                            default -> (float) b.getDouble(p);
                        };
                        p += bytesPerSample;
                    }
                }
                sink.accept(block, whole);
            }
            frames += whole;
            carried = held - whole * frameBytes;
            System.arraycopy(buffer, whole * frameBytes, buffer, 0, carried);
        }
        return new DecodeResult(header, frames, streamed || remaining == 0);
    }

    private static String encoding(int formatTag, int bits) {
        if (formatTag == 1) {
            return switch (bits) {
                case 8 -> "pcm_u8";
                case 16 -> "pcm_s16le";
                case 24 -> "pcm_s24le";
                case 32 -> "pcm_s32le";
                default -> null;
            };
        }
        if (formatTag == 3) {
            return switch (bits) {
                case 32 -> "float32";
                case 64 -> "float64";
                default -> null;
            };
        }
        return null;
    }
}
