package io.voxify.gateway.stream;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a streamed response carries: WAV, raw PCM or MP3, all 16-bit-sourced mono at the job's rate. */
enum StreamFormat {
    WAV,
    PCM,
    MP3;

    static final List<String> NAMES = List.of("wav", "pcm", "mp3");

    /**
     * The requested format, else the job's own output format where it can be streamed (FLAC, whose frames
     * need the whole stream's facts up front, is streamed as WAV).
     */
    static StreamFormat choose(String requested, String jobFormat) {
        if (requested != null) {
            String name = requested.trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new DomainException(
                        ErrorCode.VALIDATION_ERROR,
                        "Audio can be streamed as wav, pcm or mp3",
                        Map.of("format", "must be one of " + String.join(", ", NAMES)));
            }
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        return "mp3".equalsIgnoreCase(jobFormat) ? MP3 : WAV;
    }

    String contentType(int sampleRate) {
        return switch (this) {
            case WAV -> "audio/wav";
            case PCM -> "audio/pcm;rate=" + sampleRate;
            case MP3 -> "audio/mpeg";
        };
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The length a streaming WAV header gives for the RIFF chunk and the data chunk: unknown, the maximum. */
    static final int UNKNOWN_LENGTH = 0xFFFFFFFF;

    /**
     * A 44-byte WAV header for a stream whose length is not known yet: 16-bit mono PCM at {@code sampleRate},
     * RIFF and data sizes 0xFFFFFFFF, as streaming encoders (ffmpeg, sox) write when they cannot seek back.
     * Players read the data until the connection ends.
     */
    static byte[] streamingWavHeader(int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(UNKNOWN_LENGTH).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '})
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(sampleRate)
                .putInt(sampleRate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(UNKNOWN_LENGTH);
        return b.array();
    }

    /** The sample bytes of a 16-bit PCM WAV file (its data chunk), or null when it is not one. */
    static byte[] wavData(byte[] wav) {
        if (wav.length < 12 || wav[0] != 'R' || wav[1] != 'I' || wav[2] != 'F' || wav[3] != 'F') {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = new String(wav, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id.equals("fmt ")
                    && (b.getShort(at + 8) != 1 || b.getShort(at + 10) != 1 || b.getShort(at + 22) != 16)) {
                return null;
            }
            if (id.equals("data")) {
                int end = (int) Math.min(wav.length, at + 8 + size);
                return Arrays.copyOfRange(wav, at + 8, end);
            }
            at += 8 + (int) size + (int) (size & 1);
        }
        return null;
    }
}
