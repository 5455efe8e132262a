package io.voxify.inference;

import java.util.Locale;

/**
 * Emotions as prosody. The factors multiply the request's own speed, pitch and volume; range scales the
 * intonation's excursions around the median pitch. Happy speaks a little higher, faster and livelier; sad
 * lower, slower, quieter and flatter; excited is a stronger happy.
 *
 * <pre>
 *            speed  pitch  range  volume
 * neutral    1.00   1.00   1.00   1.00
 * happy      1.08   1.12   1.35   1.05
 * sad        0.85   0.90   0.65   0.80
 * excited    1.18   1.22   1.60   1.15
 * </pre>
 */
public enum Emotion {
    NEUTRAL(1.00, 1.00, 1.00, 1.00),
    HAPPY(1.08, 1.12, 1.35, 1.05),
    SAD(0.85, 0.90, 0.65, 0.80),
    EXCITED(1.18, 1.22, 1.60, 1.15);

    private final double speed;
    private final double pitch;
    private final double range;
    private final double volume;

    Emotion(double speed, double pitch, double range, double volume) {
        this.speed = speed;
        this.pitch = pitch;
        this.range = range;
        this.volume = volume;
    }

    public double speed() {
        return speed;
    }

    public double pitch() {
        return pitch;
    }

    public double range() {
        return range;
    }

    public double volume() {
        return volume;
    }

    /** Null or blank means neutral; anything else unknown is refused. */
    public static Emotion parse(String name) {
        if (name == null || name.isBlank()) {
            return NEUTRAL;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(
                    SynthesisException.INVALID_PARAMETER,
                    "emotion must be one of neutral, happy, sad, excited: " + name);
        }
    }
}
