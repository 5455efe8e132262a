package io.voxify.inference.audio;

import java.util.Locale;
import java.util.Set;

/** The output formats we offer and their MIME types. */
public final class AudioEncoder {

    public static final Set<String> FORMATS = Set.of("wav", "mp3", "flac");

    private AudioEncoder() {}

    public static boolean supports(String format) {
        return format != null && FORMATS.contains(format.toLowerCase(Locale.ROOT));
    }

    public static String contentType(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            case "flac" -> "audio/flac";
            default -> throw new IllegalArgumentException("unsupported format " + format);
        };
    }

    public static byte[] encode(float[] samples, int sampleRate, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "wav" -> WavWriter.write(samples, sampleRate);
            case "mp3" -> Mp3Encoder.encode(samples, sampleRate);
            case "flac" -> FlacEncoder.encode(samples, sampleRate);
            default -> throw new IllegalArgumentException("unsupported format " + format);
        };
    }
}
