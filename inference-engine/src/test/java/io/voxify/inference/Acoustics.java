package io.voxify.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Measurements for tests, written independently of the production DSP so that the tests do not merely
 * agree with themselves.
 */
public final class Acoustics {

    private Acoustics() {}

    /** Median F0 over voiced frames by normalised autocorrelation; 0 if nothing is voiced. */
    public static double medianF0(float[] x, int sampleRate) {
        int frame = (int) (0.04 * sampleRate);
        int hop = (int) (0.01 * sampleRate);
        int minLag = sampleRate / 450;
        int maxLag = sampleRate / 40;
        double loudest = 0;
        List<double[]> frames = new ArrayList<>();
        for (int start = 0; start + frame + maxLag < x.length; start += hop) {
            double e = 0;
            for (int i = 0; i < frame; i++) {
                e += x[start + i] * x[start + i];
            }
            loudest = Math.max(loudest, e);
            frames.add(new double[] {start, e});
        }
        List<Double> f0s = new ArrayList<>();
        double[] r = new double[maxLag + 1];
        for (double[] f : frames) {
            int start = (int) f[0];
            if (f[1] < loudest * 0.01) {
                continue;
            }
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double xy = 0;
                double yy = 0;
                for (int i = 0; i < frame; i++) {
                    xy += x[start + i] * x[start + i + lag];
                    yy += x[start + i + lag] * x[start + i + lag];
                }
                r[lag] = xy / Math.sqrt(f[1] * yy + 1e-12);
                best = Math.max(best, r[lag]);
            }
            if (best < 0.75) {
                continue;
            }
            // The first local peak close to the best one: later peaks are multiples of the period.
            for (int lag = minLag + 1; lag < maxLag; lag++) {
                if (r[lag] >= 0.9 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
                    f0s.add((double) sampleRate / lag);
                    break;
                }
            }
        }
        if (f0s.isEmpty()) {
            return 0;
        }
        f0s.sort(Double::compare);
        return f0s.get(f0s.size() / 2);
    }

    public static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(s / x.length);
    }

    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Amplitude of the component at {@code hz} (Goertzel over the whole signal, Hann-windowed). */
    public static double toneAmplitude(float[] x, int sampleRate, double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int i = 0; i < x.length; i++) {
            double win = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (x.length - 1));
            windowSum += win;
            double s = x[i] * win + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / windowSum;
    }

    public static float[] sine(double hz, int sampleRate, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * sampleRate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }

    /** A vowel-like test signal: harmonics of {@code f0} with a falling spectrum, slowly amplitude-modulated. */
    public static float[] voiced(double f0, int sampleRate, double seconds) {
        float[] x = new float[(int) (seconds * sampleRate)];
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / sampleRate;
            double v = 0;
            for (int h = 1; h * f0 < Math.min(3000, sampleRate / 2.0); h++) {
                v += Math.sin(2 * Math.PI * h * f0 * t + h * 0.7) / h;
            }
            x[i] = (float) (0.25 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)));
        }
        return x;
    }

    /** Peak normalised cross-correlation of b against a for lags in [-maxLag, maxLag], with that lag. */
    public static double[] bestCorrelation(float[] a, float[] b, int maxLag) {
        double best = -1;
        int bestLag = 0;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < a.length; i += 1) {
                int j = i + lag;
                if (j < 0 || j >= b.length) {
                    continue;
                }
                ab += a[i] * b[j];
                aa += a[i] * a[i];
                bb += b[j] * b[j];
            }
            double c = ab / Math.sqrt(aa * bb + 1e-12);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return new double[] {best, bestLag};
    }
}
