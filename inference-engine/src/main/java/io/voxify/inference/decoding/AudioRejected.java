package io.voxify.inference.decoding;

import io.voxify.inference.SynthesisException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Audio refused by a decoder, with a code the API answers with (the same names as the platform's error
 * codes) and details a client can act on.
 */
public final class AudioRejected extends SynthesisException {

    /** Not WAV, MP3 or FLAC at all. */
    public static final String UNSUPPORTED_AUDIO = SynthesisException.UNSUPPORTED_AUDIO;
    /** One of the formats, but with parameters outside the limits, or broken. */
    public static final String INVALID_AUDIO = "INVALID_AUDIO";
    /** Longer than the limit, by its header or by what was decoded. */
    public static final String AUDIO_TOO_LONG = "AUDIO_TOO_LONG";

    private final Map<String, Object> details;

    private AudioRejected(String code, String message, Map<String, Object> details) {
        super(code, message);
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Map<String, Object> details() {
        return details;
    }

    static AudioRejected notAudio(String message) {
        return new AudioRejected(UNSUPPORTED_AUDIO, message, Map.of());
    }

    static AudioRejected unsupported(String format, String what, Map<String, Object> details) {
        return new AudioRejected(
                INVALID_AUDIO, "The " + format.toUpperCase() + " audio has unsupported parameters: " + what, details);
    }

    static AudioRejected broken(String message) {
        return new AudioRejected(INVALID_AUDIO, message, Map.of());
    }

    static AudioRejected declaredTooLong(AudioHeader header, double maxSeconds) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", header.format());
        details.put(header.declaredExact() ? "declared_seconds" : "estimated_seconds", round(header.declaredSeconds()));
        details.put("max_seconds", maxSeconds);
        return new AudioRejected(
                AUDIO_TOO_LONG,
                String.format(
                        Locale.ROOT,
                        "The recording %s %.1f s; samples may last at most %.0f min",
                        header.declaredExact() ? "declares" : "is estimated from its size and bitrate at",
                        header.declaredSeconds(),
                        maxSeconds / 60),
                details);
    }

    static AudioRejected decodedTooLong(AudioHeader header, double maxSeconds) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", header.format());
        details.put("max_seconds", maxSeconds);
        if (header.declaredFrames() >= 0) {
            details.put("declared_seconds", round(header.declaredSeconds()));
        }
        return new AudioRejected(
                AUDIO_TOO_LONG,
                String.format(
                        Locale.ROOT,
                        "The recording lasts longer than %.0f min (decoding stopped there)%s",
                        maxSeconds / 60,
                        header.declaredFrames() >= 0 ? ", whatever its header declares" : ""),
                details);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
