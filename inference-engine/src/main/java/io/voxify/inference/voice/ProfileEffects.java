package io.voxify.inference.voice;

import io.voxify.inference.audio.Resampler;
import java.util.SplittableRandom;

/**
 * The parts of a {@link VoiceProfile} that neither engine can do itself: moving the spectral envelope
 * (formants) and adding breath. Pitch, intonation range and speed go through the engines' own controls and
 * the shared pitch shifter and time stretcher.
 */
public final class ProfileEffects {

    /**
     * Formant scales are realised as a sample-rate ratio {@value #FORMANT_STEPS}/p with integer p, so the
     * resampler's filters stay small (at most p phases) and are built once per step: steps of about 2.5 %.
     */
    static final int FORMANT_STEPS = 40;
    /** Aspiration noise lives above the voice's harmonics' strongest region; a band around 1.5–6 kHz. */
    private static final double BREATH_LOW_HZ = 1500;

    private static final double BREATH_HIGH_HZ = 6000;
    /** Noise RMS against the speech's local RMS at breathiness 1. */
    private static final double BREATH_LEVEL = 0.35;

    private static final double ENVELOPE_SECONDS = 0.010;
    /** Fixed, so that one profile always renders one waveform: fitting compares renderings. */
    private static final long NOISE_SEED = 0x5eed_b7ea_7L;

    private ProfileEffects() {}

    /** The formant scale actually applied for a requested one. */
    public static double quantizeFormantScale(double scale) {
        return (double) FORMANT_STEPS / formantDenominator(scale);
    }

    private static int formantDenominator(double scale) {
        return (int) Math.max(1, Math.round(FORMANT_STEPS / scale));
    }

    /**
     * Plays the signal {@code scale} times as fast: every frequency, F0 and formants alike, is multiplied by
     * the (quantised) scale and the duration divided by it. The caller restores pitch and duration with the
     * formant-preserving pitch shifter and the time stretcher, which leaves only the formants moved.
     */
    public static float[] scaleSpectrum(float[] x, double scale) {
        int p = formantDenominator(scale);
        if (p == FORMANT_STEPS) {
            return x.clone();
        }
        return Resampler.of(FORMANT_STEPS, p).process(x);
    }

    /**
     * Mixes band-limited noise under the voice, following its loudness envelope, and lowers the voice a
     * little so that the total level stays about where it was: what a breathy phonation sounds like to a
     * listener, if not to a glottis.
     */
    public static float[] addBreath(float[] x, int sampleRate, double breathiness) {
        if (breathiness <= 0 || x.length == 0) {
            return x.clone();
        }
        double amount = Math.min(1, breathiness);
        float[] noise = bandNoise(x.length, sampleRate);
        float[] envelope = rmsEnvelope(x, sampleRate);
        double dry = 1 - 0.3 * amount;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (dry * x[i] + amount * BREATH_LEVEL * envelope[i] * noise[i]);
        }
        return out;
    }

    /** Unit-RMS white noise through a one-pole high-pass and a one-pole low-pass. */
    private static float[] bandNoise(int length, int sampleRate) {
        SplittableRandom random = new SplittableRandom(NOISE_SEED);
        double hp = Math.exp(-2 * Math.PI * BREATH_LOW_HZ / sampleRate);
        double lp = Math.exp(-2 * Math.PI * Math.min(BREATH_HIGH_HZ, 0.45 * sampleRate) / sampleRate);
        float[] out = new float[length];
        double prevIn = 0;
        double high = 0;
        double low = 0;
        double energy = 0;
        for (int i = 0; i < length; i++) {
            double white = random.nextDouble() * 2 - 1;
            high = hp * (high + white - prevIn);
            prevIn = white;
            low = (1 - lp) * high + lp * low;
            out[i] = (float) low;
            energy += low * low;
        }
        double rms = Math.sqrt(energy / Math.max(1, length));
        if (rms > 0) {
            for (int i = 0; i < length; i++) {
                out[i] /= (float) rms;
            }
        }
        return out;
    }

    /** Running RMS over a centred 10 ms window. */
    private static float[] rmsEnvelope(float[] x, int sampleRate) {
        int half = Math.max(1, (int) (ENVELOPE_SECONDS * sampleRate / 2));
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            prefix[i + 1] = prefix[i] + (double) x[i] * x[i];
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(x.length, i + half + 1);
            out[i] = (float) Math.sqrt((prefix[to] - prefix[from]) / (to - from));
        }
        return out;
    }
}
