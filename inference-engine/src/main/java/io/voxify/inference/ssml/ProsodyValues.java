package io.voxify.inference.ssml;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSML prosody values as factors on the request's speed, pitch and volume, each within the API's range for
 * that setting (rate 0.5–3, pitch 0.5–2, volume 0–2).
 *
 * <ul>
 *   <li>rate: x-slow 0.5, slow 0.75, medium 1, fast 1.5, x-fast 2, default 1; a percentage ("150%") or a
 *       plain multiplier ("1.2")</li>
 *   <li>pitch: x-low 0.7, low 0.85, medium 1, high 1.2, x-high 1.4, default 1; semitones ("+2st", "-3st"),
 *       or a relative percentage ("+10%", "-20%"). Hertz values are refused: a voice's own pitch in hertz is
 *       not something a document can know.</li>
 *   <li>volume: silent 0, x-soft 0.25, soft 0.5, medium 1, loud 1.5, x-loud 2, default 1; decibels
 *       ("+6dB", "-3dB")</li>
 * </ul>
 */
public final class ProsodyValues {

    public static final double MIN_RATE = 0.5;
    public static final double MAX_RATE = 3.0;
    public static final double MIN_PITCH = 0.5;
    public static final double MAX_PITCH = 2.0;
    public static final double MAX_VOLUME = 2.0;

    private static final Map<String, Double> RATES =
            Map.of("x-slow", 0.5, "slow", 0.75, "medium", 1.0, "fast", 1.5, "x-fast", 2.0, "default", 1.0);
    private static final Map<String, Double> PITCHES =
            Map.of("x-low", 0.7, "low", 0.85, "medium", 1.0, "high", 1.2, "x-high", 1.4, "default", 1.0);
    private static final Map<String, Double> VOLUMES = Map.of(
            "silent", 0.0, "x-soft", 0.25, "soft", 0.5, "medium", 1.0, "loud", 1.5, "x-loud", 2.0, "default", 1.0);
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
    private static final Pattern PERCENT = Pattern.compile(NUMBER + "%");
    private static final Pattern MULTIPLIER = Pattern.compile(NUMBER);
    private static final Pattern SEMITONES = Pattern.compile("([+-])" + NUMBER + "st");
    private static final Pattern RELATIVE_PERCENT = Pattern.compile("([+-])" + NUMBER + "%");
    private static final Pattern DECIBELS = Pattern.compile("([+-]?)" + NUMBER + "dB");

    private ProsodyValues() {}

    static double rate(String value) {
        if (value == null) {
            return 1.0;
        }
        Double named = RATES.get(value);
        double factor;
        if (named != null) {
            factor = named;
        } else if (PERCENT.matcher(value).matches()) {
            factor = Double.parseDouble(value.substring(0, value.length() - 1)) / 100;
        } else if (MULTIPLIER.matcher(value).matches()) {
            factor = Double.parseDouble(value);
        } else {
            throw new IllegalArgumentException("rate must be x-slow, slow, medium, fast, x-fast, default, a percentage "
                    + "(\"150%\") or a multiplier (\"1.2\"), not \"" + value + "\"");
        }
        return within("rate", value, factor, MIN_RATE, MAX_RATE);
    }

    static double pitch(String value) {
        if (value == null) {
            return 1.0;
        }
        Double named = PITCHES.get(value);
        double factor;
        Matcher st = SEMITONES.matcher(value);
        Matcher pct = RELATIVE_PERCENT.matcher(value);
        if (named != null) {
            factor = named;
        } else if (st.matches()) {
            factor = Math.pow(2, sign(st.group(1)) * Double.parseDouble(st.group(2)) / 12);
        } else if (pct.matches()) {
            factor = 1 + sign(pct.group(1)) * Double.parseDouble(pct.group(2)) / 100;
        } else {
            throw new IllegalArgumentException("pitch must be x-low, low, medium, high, x-high, default, semitones "
                    + "(\"+2st\") or a relative percentage (\"-10%\"), not \"" + value + "\"");
        }
        return within("pitch", value, factor, MIN_PITCH, MAX_PITCH);
    }

    static double volume(String value) {
        if (value == null) {
            return 1.0;
        }
        Double named = VOLUMES.get(value);
        double factor;
        Matcher db = DECIBELS.matcher(value);
        if (named != null) {
            factor = named;
        } else if (db.matches()) {
            factor = Math.pow(10, sign(db.group(1)) * Double.parseDouble(db.group(2)) / 20);
        } else {
            throw new IllegalArgumentException("volume must be silent, x-soft, soft, medium, loud, x-loud, default or "
                    + "decibels (\"+6dB\"), not \"" + value + "\"");
        }
        // +6dB is 1.995: allow the rounding of the decibel form up to the linear maximum.
        return within(
                "volume",
                value,
                Math.min(factor, db.matches() && factor < 2.0001 ? MAX_VOLUME : factor),
                0.0,
                MAX_VOLUME);
    }

    private static double sign(String sign) {
        return "-".equals(sign) ? -1 : 1;
    }

    private static double within(String name, String value, double factor, double min, double max) {
        if (!(factor >= min - 1e-9 && factor <= max + 1e-9)) {
            throw new IllegalArgumentException(name + " \"" + value + "\" is a factor of "
                    + Math.round(factor * 1000) / 1000.0 + ", outside " + min + " to " + max);
        }
        return Math.max(min, Math.min(max, factor));
    }
}
