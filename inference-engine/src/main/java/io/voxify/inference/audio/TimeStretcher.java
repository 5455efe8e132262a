package io.voxify.inference.audio;

import java.util.Arrays;

/**
 * WSOLA time-scale modification: Hann-windowed frames taken from the input at the stretched rate and
 * shifted by up to ±{@value #TOLERANCE_MS} ms to where they best continue the previous frame, so that
 * overlapping periods add in phase and the pitch stays put.
 */
public final class TimeStretcher {

    private static final double FRAME_MS = 25;
    private static final double TOLERANCE_MS = 8;

    private TimeStretcher() {}

    /** Plays {@code x} {@code speed} times as fast (2 = half the duration). */
    public static float[] stretch(float[] x, int sampleRate, double speed) {
        if (speed == 1.0 || x.length == 0) {
            return x.clone();
        }
        int frame = (int) (FRAME_MS / 1000 * sampleRate) & ~1;
        int hop = frame / 2;
        int tolerance = (int) (TOLERANCE_MS / 1000 * sampleRate);
        int outLength = (int) Math.round(x.length / speed);
        float[] out = new float[outLength + frame];
        float[] window = new float[frame];
        for (int i = 0; i < frame; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        int previous = 0;
        for (int k = 0; (long) k * hop < outLength; k++) {
            int ideal = (int) Math.round(k * hop * speed);
            int chosen;
            if (k == 0) {
                chosen = 0;
            } else {
                int natural = previous + hop;
                chosen = bestMatch(x, natural, ideal, tolerance, hop);
            }
            int at = k * hop;
            for (int i = 0; i < frame; i++) {
                int src = chosen + i;
                if (src >= 0 && src < x.length) {
                    out[at + i] += window[i] * x[src];
                }
            }
            previous = chosen;
        }
        return Arrays.copyOf(out, outLength);
    }

    /** The offset near {@code ideal} whose first half-frame correlates best with the natural continuation. */
    private static int bestMatch(float[] x, int natural, int ideal, int tolerance, int length) {
        int best = ideal;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int d = -tolerance; d <= tolerance; d++) {
            int candidate = ideal + d;
            if (candidate < 0 || candidate + length >= x.length || natural + length >= x.length) {
                continue;
            }
            double score = 0;
            for (int i = 0; i < length; i += 2) {
                score += x[natural + i] * x[candidate + i];
            }
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return Math.max(0, best);
    }
}
