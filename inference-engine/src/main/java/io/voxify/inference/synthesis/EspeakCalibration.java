package io.voxify.inference.synthesis;

import io.voxify.inference.engine.EspeakEngine;

/**
 * espeak-ng's own controls against what they produce, measured on en-us: the settings that come closest to a
 * requested speed and pitch, and what is left over for post-processing to do.
 */
final class EspeakCalibration {

    /** espeak-ng's base pitch setting against the median F0 it produces (50 = voice default). */
    private static final int[] PITCH_SETTING = {0, 25, 50, 75, 100};

    private static final double[] PITCH_FACTOR = {0.655, 0.795, 1.0, 1.282, 1.675};
    /**
     * espeak-ng's rate setting against the speed it produces; the relation is not linear and above 400 words
     * per minute the speech gets no faster, so faster requests are time-stretched after synthesis.
     */
    private static final int[] RATE_SETTING = {80, 100, 125, 150, 175, 200, 250, 300, 350, 400};

    private static final double[] RATE_SPEED = {0.491, 0.579, 0.715, 0.855, 1.0, 1.131, 1.396, 1.687, 1.977, 2.319};

    private EspeakCalibration() {}

    static EspeakEngine.Prosody prosody(Settings s) {
        int rate = (int) Math.round(interpolate(RATE_SPEED, RATE_SETTING, s.speed()));
        int pitch = (int) Math.round(interpolate(PITCH_FACTOR, PITCH_SETTING, s.pitch()));
        int range = (int) Math.round(Math.max(0, Math.min(100, 50 * s.range())));
        return new EspeakEngine.Prosody(rate, pitch, range);
    }

    /** The pitch factor espeak-ng's setting cannot reach, for the pitch shift to do. */
    static double pitchRemainder(double requested) {
        return remainder(PITCH_FACTOR, requested);
    }

    /** The speed factor espeak-ng's rate cannot reach, for the time stretch to do. */
    static double speedRemainder(double requested) {
        return remainder(RATE_SPEED, requested);
    }

    private static double remainder(double[] factors, double requested) {
        double achievable = Math.max(factors[0], Math.min(factors[factors.length - 1], requested));
        return requested / achievable;
    }

    /** Piecewise-linear inverse of a measured table, clamped to its ends. */
    private static double interpolate(double[] xs, int[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        for (int i = 1; i < xs.length; i++) {
            if (x <= xs[i]) {
                double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + t * (ys[i] - ys[i - 1]);
            }
        }
        return ys[ys.length - 1];
    }
}
