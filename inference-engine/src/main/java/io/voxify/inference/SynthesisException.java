package io.voxify.inference;

/** Bad input the caller should report as a 4xx: unknown voice, unsupported format or rate, unreadable audio. */
public class SynthesisException extends RuntimeException {

    public static final String UNKNOWN_VOICE = "UNKNOWN_VOICE";
    public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
    public static final String UNSUPPORTED_SAMPLE_RATE = "UNSUPPORTED_SAMPLE_RATE";
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    public static final String EMPTY_TEXT = "EMPTY_TEXT";
    public static final String TEXT_TOO_LONG = "TEXT_TOO_LONG";
    public static final String UNSUPPORTED_AUDIO = "UNSUPPORTED_AUDIO";

    private final String code;

    public SynthesisException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SynthesisException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
