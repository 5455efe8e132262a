package io.voxify.inference.voice;

/**
 * How to make a built-in voice sound like a cloned speaker: the voice to start from and what to do to it.
 * Applied by {@code SpeechSynthesizer.synthesize(request, profile, listener)} on top of the request's own
 * speed, pitch, volume and emotion.
 *
 * @param baseVoiceId      a built-in voice id ({@code flite:slt}, {@code espeak:de}, ...)
 * @param pitchFactor      factor on the fundamental frequency, 0.5–2
 * @param pitchRangeFactor factor on the intonation's excursions around the median F0, 0.25–3
 * @param speedFactor      factor on the speaking rate, 0.5–2
 * @param formantScale     factor on the spectral envelope (vocal-tract length), 0.8–1.25; applied in steps
 *                         of 1/40 of the sample rate ratio, see {@link ProfileEffects#quantizeFormantScale}
 * @param breathiness      0 (clean) to 1 (strongly breathy), aspiration noise mixed under the voice
 * @param pauseFactor      factor on the length of every pause, {@value #MIN_PAUSE}–{@value #MAX_PAUSE}: the silence
 *                         between sentences and the pauses the engine makes inside them (see
 *                         {@link io.voxify.inference.audio.Pauses}); 1 keeps the engine's own
 */
public record VoiceProfile(
        String baseVoiceId,
        double pitchFactor,
        double pitchRangeFactor,
        double speedFactor,
        double formantScale,
        double breathiness,
        double pauseFactor) {

    public static final double MIN_PITCH = 0.5;
    public static final double MAX_PITCH = 2.0;
    public static final double MIN_RANGE = 0.25;
    public static final double MAX_RANGE = 3.0;
    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 2.0;
    public static final double MIN_FORMANT = 0.8;
    public static final double MAX_FORMANT = 1.25;
    public static final double MIN_PAUSE = 0.25;
    public static final double MAX_PAUSE = 4.0;

    public VoiceProfile {
        if (baseVoiceId == null || baseVoiceId.isBlank()) {
            throw new IllegalArgumentException("a voice profile needs a base voice");
        }
        check("pitchFactor", pitchFactor, MIN_PITCH, MAX_PITCH);
        check("pitchRangeFactor", pitchRangeFactor, MIN_RANGE, MAX_RANGE);
        check("speedFactor", speedFactor, MIN_SPEED, MAX_SPEED);
        check("formantScale", formantScale, MIN_FORMANT, MAX_FORMANT);
        check("breathiness", breathiness, 0, 1);
        check("pauseFactor", pauseFactor, MIN_PAUSE, MAX_PAUSE);
    }

    /** A profile that keeps the engine's pauses, as every profile did before timing was fitted. */
    public VoiceProfile(
            String baseVoiceId,
            double pitchFactor,
            double pitchRangeFactor,
            double speedFactor,
            double formantScale,
            double breathiness) {
        this(baseVoiceId, pitchFactor, pitchRangeFactor, speedFactor, formantScale, breathiness, 1.0);
    }

    /** This profile with its pauses {@code factor} times the engine's (clamped into range). */
    public VoiceProfile withPauseFactor(double factor) {
        return new VoiceProfile(
                baseVoiceId,
                pitchFactor,
                pitchRangeFactor,
                speedFactor,
                formantScale,
                breathiness,
                clamp(factor, MIN_PAUSE, MAX_PAUSE));
    }

    /** The base voice as it is. */
    public static VoiceProfile neutral(String baseVoiceId) {
        return new VoiceProfile(baseVoiceId, 1, 1, 1, 1, 0, 1);
    }

    /** This profile with every factor clamped into its valid range, for optimisers that step past an edge. */
    public static VoiceProfile clamped(
            String baseVoiceId,
            double pitchFactor,
            double pitchRangeFactor,
            double speedFactor,
            double formantScale,
            double breathiness) {
        return new VoiceProfile(
                baseVoiceId,
                clamp(pitchFactor, MIN_PITCH, MAX_PITCH),
                clamp(pitchRangeFactor, MIN_RANGE, MAX_RANGE),
                clamp(speedFactor, MIN_SPEED, MAX_SPEED),
                clamp(formantScale, MIN_FORMANT, MAX_FORMANT),
                clamp(breathiness, 0, 1));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static void check(String name, double value, double min, double max) {
        // A small tolerance so that values that went through JSON or float rounding at an edge still load.
        if (!(value >= min - 1e-9 && value <= max + 1e-9)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }
}
