package io.voxify.inference.audio;

import java.util.Arrays;

/**
 * Fundamental-frequency track by the YIN method (cumulative-mean-normalised difference with an absolute
 * threshold), which avoids the octave errors plain autocorrelation makes on speech.
 */
public final class PitchTracker {

    public static final double MIN_F0 = 55;
    public static final double MAX_F0 = 500;
    private static final double THRESHOLD = 0.15;
    /**
     * When no dip reaches {@link #THRESHOLD}, the deepest one still counts as voiced below this value: diphone
     * and LPC-excited voices (Flite's kal16) are periodic but rarely that clean, while noise stays near 1.
     */
    private static final double FALLBACK_THRESHOLD = 0.35;

    private PitchTracker() {}

    /**
     * One estimate every {@code hop} samples, centred on sample k*hop; 0 where unvoiced or silent.
     */
    public static double[] track(float[] x, int sampleRate, int hop) {
        Yin yin = new Yin(sampleRate);
        int frames = x.length / hop + 1;
        double[] f0 = new double[frames];
        for (int k = 0; k < frames; k++) {
            int start = yin.firstSample(k * hop);
            if (yin.fits(start, x.length)) {
                f0[k] = yin.estimate(x, start);
            }
        }
        return f0;
    }

    /**
     * The estimate at one position, for callers that hold only a window of the signal: {@link #track} is
     * {@code estimate(x, firstSample(k * hop))} wherever {@code fits}. Holds scratch space, so one per thread.
     */
    public static final class Yin {
        private final int sampleRate;
        private final int maxLag;
        private final int minLag;
        private final int window;
        private final double[] d;
        private final double silence;

        public Yin(int sampleRate) {
            this.sampleRate = sampleRate;
            maxLag = (int) Math.ceil(sampleRate / MIN_F0);
            minLag = (int) Math.floor(sampleRate / MAX_F0);
            window = maxLag;
            d = new double[maxLag + 2];
            silence = 1e-4 * window;
        }

        /** The first sample the estimate centred on {@code centre} reads; negative near the start. */
        public int firstSample(int centre) {
            return centre - (window + maxLag) / 2;
        }

        /** Samples an estimate reads from its first one on. */
        public int span() {
            return window + maxLag + 1;
        }

        /** Whether a signal of {@code length} samples has an estimate starting at {@code start}. */
        public boolean fits(int start, int length) {
            return start >= 0 && start + window + maxLag + 1 < length;
        }

        /** F0 in Hz from {@code x[start .. start + span())}, 0 where unvoiced or silent. */
        public double estimate(float[] x, int start) {
            double energy = 0;
            for (int i = 0; i < window; i++) {
                energy += x[start + i] * x[start + i];
            }
            if (energy < silence) {
                return 0;
            }
            d[0] = 1;
            double running = 0;
            int best = -1;
            for (int tau = 1; tau <= maxLag + 1; tau++) {
                double diff = 0;
                for (int i = 0; i < window; i++) {
                    double e = x[start + i] - x[start + i + tau];
                    diff += e * e;
                }
                running += diff;
                d[tau] = running == 0 ? 1 : diff * tau / running;
            }
            for (int tau = minLag; tau <= maxLag; tau++) {
                if (d[tau] < THRESHOLD) {
                    while (tau + 1 <= maxLag && d[tau + 1] < d[tau]) {
                        tau++;
                    }
                    best = tau;
                    break;
                }
            }
            if (best < 0) {
                int deepest = minLag;
                for (int tau = minLag + 1; tau <= maxLag; tau++) {
                    if (d[tau] < d[deepest]) {
                        deepest = tau;
                    }
                }
                if (d[deepest] >= FALLBACK_THRESHOLD) {
                    return 0;
                }
                best = deepest;
            }
            double a = d[best - 1];
            double b = d[best];
            double c = d[best + 1];
            double denom = a - 2 * b + c;
            double shift = denom == 0 ? 0 : 0.5 * (a - c) / denom;
            return sampleRate / (best + Math.max(-0.5, Math.min(0.5, shift)));
        }
    }

    /** Median of the voiced estimates, 0 when nothing is voiced. */
    public static double median(double[] f0) {
        double[] voiced = Arrays.stream(f0).filter(v -> v > 0).sorted().toArray();
        return voiced.length == 0 ? 0 : voiced[voiced.length / 2];
    }
}
