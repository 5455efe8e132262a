package io.voxify.inference.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time-domain pitch-synchronous overlap-add (TD-PSOLA). Each glottal period is cut out with a two-period
 * Hann window around its pitch mark and laid down again at the new period spacing. The grains keep their
 * shape, so the vocal-tract resonances (formants) stay where they were while the fundamental moves;
 * duration is unchanged. Unvoiced stretches are copied through untouched.
 */
public final class PitchShifter {

    private static final double UNVOICED_STEP_SECONDS = 0.005;
    private static final double MIN_RATIO = 0.25;
    private static final double MAX_RATIO = 4.0;

    private PitchShifter() {}

    /**
     * @param ratio       factor on the fundamental frequency (1.5 raises by a fifth)
     * @param rangeFactor factor on the excursions around the median F0 (1 keeps the intonation as it is,
     *                    above 1 livens it, below 1 flattens it)
     */
    public static float[] shift(float[] x, int sampleRate, double ratio, double rangeFactor) {
        if (x.length == 0 || (ratio == 1.0 && rangeFactor == 1.0)) {
            return x.clone();
        }
        int hop = Math.max(1, sampleRate / 200);
        double[] f0 = smooth(PitchTracker.track(x, sampleRate, hop));
        double median = PitchTracker.median(f0);
        if (median == 0) {
            return x.clone();
        }
        Marks marks = pitchMarks(x, sampleRate, f0, hop);
        int[] m = marks.positions;
        int count = m.length;
        float[] out = new float[x.length];
        int k = 0;
        double ts = m[0];
        int lastPlaced = -1;
        while (ts < x.length && k < count) {
            while (k + 1 < count && Math.abs(m[k + 1] - ts) <= Math.abs(m[k] - ts)) {
                k++;
            }
            int mark = m[k];
            int left = k > 0 ? mark - m[k - 1] : (k + 1 < count ? m[k + 1] - mark : 1);
            int right = k + 1 < count ? m[k + 1] - mark : left;
            double period = marks.periods[k];
            double r = 1.0;
            int at;
            if (period > 0) {
                double localF0 = sampleRate / period;
                r = clamp(ratio * Math.pow(localF0 / median, rangeFactor - 1));
                left = (int) Math.min(left, Math.round(2 * period));
                right = (int) Math.min(right, Math.round(2 * period));
                at = (int) Math.round(ts);
            } else {
                // Unvoiced grains go back exactly where they came from, which reconstructs noise perfectly.
                if (mark <= lastPlaced) {
                    if (k + 1 >= count) {
                        break;
                    }
                    k++;
                    continue;
                }
                at = mark;
            }
            // Raising pitch packs more grains into a second; 1/sqrt(r) keeps the loudness where it was.
            double gain = 1 / Math.sqrt(r);
            addGrain(x, mark, left, right, out, at, gain);
            lastPlaced = at;
            ts = at + (period > 0 ? period / r : right);
        }
        return out;
    }

    private static void addGrain(float[] x, int mark, int left, int right, float[] out, int at, double gain) {
        left = Math.max(1, left);
        right = Math.max(1, right);
        for (int j = -left; j < right; j++) {
            int src = mark + j;
            int dst = at + j;
            if (src < 0 || src >= x.length || dst < 0 || dst >= out.length) {
                continue;
            }
            double w = j < 0
                    ? 0.5 * (1 - Math.cos(Math.PI * (j + left) / left))
                    : 0.5 * (1 + Math.cos(Math.PI * j / right));
            out[dst] += (float) (gain * w * x[src]);
        }
    }

    private static double clamp(double r) {
        return Math.max(MIN_RATIO, Math.min(MAX_RATIO, r));
    }

    private record Marks(int[] positions, double[] periods) {}

    /**
     * Marks one period apart on the waveform maximum of each period in voiced stretches, and every 5 ms
     * elsewhere. Locking onto the maxima keeps successive grains in phase.
     */
    private static Marks pitchMarks(float[] x, int sampleRate, double[] f0, int hop) {
        List<Integer> positions = new ArrayList<>();
        List<Double> periods = new ArrayList<>();
        int unvoicedStep = Math.max(1, (int) Math.round(UNVOICED_STEP_SECONDS * sampleRate));
        int t = 0;
        boolean previousVoiced = false;
        positions.add(0);
        periods.add(0.0);
        while (true) {
            double f = f0At(f0, t, hop);
            int next;
            double period = 0;
            if (f > 0) {
                period = sampleRate / f;
                double width = previousVoiced ? 0.2 * period : 0.5 * period;
                int from = (int) Math.max(t + 0.5 * period, t + period - width);
                int to = (int) Math.min(x.length - 1, t + period + width);
                if (from >= x.length) {
                    break;
                }
                next = argMax(x, from, to);
                if (f0At(f0, next, hop) == 0) {
                    period = 0;
                }
            } else {
                next = t + unvoicedStep;
            }
            if (next >= x.length) {
                break;
            }
            positions.add(next);
            periods.add(period);
            previousVoiced = period > 0;
            t = next;
        }
        if (positions.get(positions.size() - 1) != x.length - 1) {
            positions.add(x.length - 1);
            periods.add(0.0);
        }
        return new Marks(
                positions.stream().mapToInt(Integer::intValue).toArray(),
                periods.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int argMax(float[] x, int from, int to) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double f0At(double[] f0, int sample, int hop) {
        int k = (int) Math.round((double) sample / hop);
        return k >= 0 && k < f0.length ? f0[k] : 0;
    }

    /** A 5-point median removes single-frame octave jumps and isolated voicing decisions. */
    private static double[] smooth(double[] f0) {
        double[] out = new double[f0.length];
        double[] w = new double[5];
        for (int i = 0; i < f0.length; i++) {
            for (int j = -2; j <= 2; j++) {
                int idx = Math.max(0, Math.min(f0.length - 1, i + j));
                w[j + 2] = f0[idx];
            }
            double[] sorted = w.clone();
            Arrays.sort(sorted);
            out[i] = sorted[2];
        }
        return out;
    }
}
