package io.voxify.gateway.voice;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decides what an upload really is from its bytes (the file name proves nothing): WAV, MP3 or
 * FLAC that decodes completely and lasts 1 s to 10 min. Anything that is not one of those
 * formats is UNSUPPORTED_AUDIO; one of them but broken, truncated or out of bounds is
 * INVALID_AUDIO.
 */
public final class AudioUploadInspector {
    public static final double MIN_SECONDS = 1.0;
    public static final double MAX_SECONDS = 600.0;

    private AudioUploadInspector() {
    }

    public record Inspected(String format, DecodedAudio audio) {
    }

    public static Inspected inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("The file is empty");
        }
        String format = sniff(bytes);
        if (format == null) {
            throw new DomainException(ErrorCode.UNSUPPORTED_AUDIO,
                    "The file is not WAV, MP3 or FLAC audio (recognised by its content, not its name)",
                    Map.of("accepted_formats", java.util.List.of("wav", "mp3", "flac")));
        }
        DecodedAudio audio;
        try {
            if (format.equals("wav")) {
                checkWavComplete(bytes);
            }
            audio = AudioDecoder.decode(bytes);
            if (format.equals("flac")) {
                checkFlacComplete(bytes, audio);
            }
        } catch (DomainException refused) {
            throw refused;
        } catch (RuntimeException corrupt) {
            throw invalid("The " + format.toUpperCase() + " audio could not be decoded; it may be truncated or corrupt");
        }
        double seconds = audio.durationSeconds();
        if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) {
            throw new DomainException(ErrorCode.INVALID_AUDIO, String.format(
                    "The recording lasts %.2f s; samples must last %.0f s to %.0f min", seconds, MIN_SECONDS,
                    MAX_SECONDS / 60), Map.of("duration", seconds, "min_seconds", MIN_SECONDS, "max_seconds", MAX_SECONDS));
        }
        return new Inspected(format, audio);
    }

    static String sniff(byte[] b) {
        if (b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return "wav";
        }
        int start = 0;
        if (b.length >= 10 && ascii(b, 0, "ID3")) {
            int size = (b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f);
            start = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        }
        if (b.length >= start + 4 && ascii(b, start, "fLaC")) {
            return "flac";
        }
        if (b.length >= start + 4 && (b[start] & 0xff) == 0xff && (b[start + 1] & 0xe0) == 0xe0
                && ((b[start + 1] >> 3) & 0x3) != 1 && ((b[start + 1] >> 1) & 0x3) == 1
                && ((b[start + 2] >> 4) & 0xf) != 0xf && ((b[start + 2] >> 2) & 0x3) != 3) {
            return "mp3";
        }
        return null;
    }

    /** A WAV whose data chunk promises more bytes than the file holds was cut short. */
    private static void checkWavComplete(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, (int) pos, 4, StandardCharsets.US_ASCII);
            long size = b.getInt((int) pos + 4) & 0xffffffffL;
            if (id.equals("data")) {
                boolean streamed = size == 0 || size == 0xffffffffL;
                if (!streamed && size > bytes.length - (pos + 8L)) {
                    throw invalid("The WAV file is truncated: its data chunk declares " + size + " bytes but holds "
                            + (bytes.length - pos - 8));
                }
                return;
            }
            pos += 8 + size + (size & 1);
        }
        throw invalid("The WAV file has no data chunk");
    }

    /** STREAMINFO names the total sample count; fewer decoded samples means the file was cut short. */
    private static void checkFlacComplete(byte[] bytes, DecodedAudio audio) {
        int start = indexOf(bytes, "fLaC");
        int info = start + 8;
        if (info + 18 > bytes.length) {
            throw invalid("The FLAC file is truncated");
        }
        long total = ((long) (bytes[info + 13] & 0x0f) << 32) | ((long) (bytes[info + 14] & 0xff) << 24)
                | ((bytes[info + 15] & 0xff) << 16) | ((bytes[info + 16] & 0xff) << 8) | (bytes[info + 17] & 0xff);
        if (total > 0 && audio.frameCount() < total) {
            throw invalid("The FLAC file is truncated: " + audio.frameCount() + " of " + total + " samples present");
        }
    }

    private static int indexOf(byte[] bytes, String marker) {
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (ascii(bytes, i, marker)) {
                return i;
            }
        }
        return 0;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        if (offset + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_AUDIO, message);
    }
}
