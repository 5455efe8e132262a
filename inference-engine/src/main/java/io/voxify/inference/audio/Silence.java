package io.voxify.inference.audio;

/** Finding where speech starts and ends, so that sentence gaps come out the length we choose. */
public final class Silence {

    private static final double FRAME_SECONDS = 0.005;
    private static final double THRESHOLD_BELOW_PEAK_DB = 40;
    private static final double FLOOR = 1e-3;

    private Silence() {}

    /** [first, last) sample of audible content, or [0, 0) when everything is quiet. */
    public static int[] speechBounds(float[] x, int sampleRate) {
        int frame = Math.max(1, (int) (FRAME_SECONDS * sampleRate));
        double threshold = Math.max(FLOOR, Dynamics.peak(x) * Math.pow(10, -THRESHOLD_BELOW_PEAK_DB / 20));
        int first = -1;
        int last = -1;
        for (int start = 0; start < x.length; start += frame) {
            int end = Math.min(x.length, start + frame);
            float p = 0;
            for (int i = start; i < end; i++) {
                p = Math.max(p, Math.abs(x[i]));
            }
            if (p >= threshold) {
                if (first < 0) {
                    first = start;
                }
                last = end;
            }
        }
        return first < 0 ? new int[] {0, 0} : new int[] {first, last};
    }

    /** True when the window [from, to) holds nothing above the audible threshold of the whole signal. */
    public static boolean isQuiet(float[] x, int from, int to, double threshold) {
        for (int i = Math.max(0, from); i < Math.min(x.length, to); i++) {
            if (Math.abs(x[i]) >= threshold) {
                return false;
            }
        }
        return true;
    }

    public static double audibleThreshold(float[] x) {
        return Math.max(FLOOR, Dynamics.peak(x) * Math.pow(10, -THRESHOLD_BELOW_PEAK_DB / 20));
    }
}
