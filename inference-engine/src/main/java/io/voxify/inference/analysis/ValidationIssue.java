package io.voxify.inference.analysis;

/**
 * Why a recording is not fit to clone a voice from.
 *
 * @param code   TOO_SHORT, TOO_NOISY, CLIPPED, TOO_QUIET or NO_SPEECH
 * @param reason for the user: the measured value and the limit it missed
 */
public record ValidationIssue(String code, String reason) {

    public static final String TOO_SHORT = "TOO_SHORT";
    public static final String TOO_NOISY = "TOO_NOISY";
    public static final String CLIPPED = "CLIPPED";
    public static final String TOO_QUIET = "TOO_QUIET";
    public static final String NO_SPEECH = "NO_SPEECH";
}
