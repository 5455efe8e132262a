package io.voxify.inference.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pauses inside speech. In a recording, where nothing says where words are, a pause is a stretch of at least
 * {@value #MIN_SECONDS} s between the first and the last audible sound where every 5 ms frame stays
 * {@value #QUIET_BELOW_PEAK_DB} dB below the signal's peak: the length is what separates a pause from the closure
 * of a stop consonant (up to about 100 ms in read speech), the level leaves room for the noise floor of a home
 * recording (35 to 40 dB below the peak in the LibriVox readings). In synthesised speech the engine's word timings
 * say exactly where its pauses are, and {@link #scale} lengthens or shortens those.
 */
public final class Pauses {

    public static final double MIN_SECONDS = 0.12;
    static final double QUIET_BELOW_PEAK_DB = 30;
    private static final double FRAME_SECONDS = 0.005;

    private Pauses() {}

    /** The pauses as [first, last) sample ranges, in order; none before the first or after the last sound. */
    public static List<int[]> find(float[] x, int sampleRate) {
        int[] bounds = Silence.speechBounds(x, sampleRate);
        List<int[]> out = new ArrayList<>();
        if (bounds[1] <= bounds[0]) {
            return out;
        }
        double quiet = Math.max(1e-4, Dynamics.peak(x) * Math.pow(10, -QUIET_BELOW_PEAK_DB / 20));
        int frame = Math.max(1, (int) Math.round(FRAME_SECONDS * sampleRate));
        int minLength = (int) Math.ceil(MIN_SECONDS * sampleRate);
        int runStart = -1;
        for (int start = bounds[0]; start < bounds[1]; start += frame) {
            int end = Math.min(bounds[1], start + frame);
            if (Silence.isQuiet(x, start, end, quiet)) {
                if (runStart < 0) {
                    runStart = start;
                }
            } else {
                if (runStart >= 0 && start - runStart >= minLength) {
                    out.add(new int[] {runStart, start});
                }
                runStart = -1;
            }
        }
        return out;
    }

    public static double totalSeconds(List<int[]> pauses, int sampleRate) {
        long samples = 0;
        for (int[] p : pauses) {
            samples += p[1] - p[0];
        }
        return (double) samples / sampleRate;
    }

    /** Median pause length in seconds; 0 when there is none. */
    public static double medianSeconds(List<int[]> pauses, int sampleRate) {
        if (pauses.isEmpty()) {
            return 0;
        }
        double[] lengths = pauses.stream()
                .mapToDouble(p -> (double) (p[1] - p[0]) / sampleRate)
                .sorted()
                .toArray();
        int n = lengths.length;
        return n % 2 == 1 ? lengths[n / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2;
    }

    /**
     * The given pauses ([first, last) samples, in order, not overlapping) made {@code factor} times as long: a
     * longer pause gets silence added in its middle, a shorter one loses its middle, so the fades into and out of
     * it stay as they were.
     */
    public static Scaled scale(float[] x, int sampleRate, List<int[]> pauses, double factor) {
        if (pauses.isEmpty() || Math.abs(factor - 1) < 1e-6) {
            return new Scaled(x, sampleRate, List.of(), new int[0]);
        }
        int[] newLengths = new int[pauses.size()];
        long total = x.length;
        for (int i = 0; i < pauses.size(); i++) {
            int length = pauses.get(i)[1] - pauses.get(i)[0];
            newLengths[i] = (int) Math.max(1, Math.round(length * factor));
            total += newLengths[i] - length;
        }
        float[] out = new float[(int) total];
        int read = 0;
        int write = 0;
        for (int i = 0; i < pauses.size(); i++) {
            int[] p = pauses.get(i);
            int length = p[1] - p[0];
            int head = Math.min(length, newLengths[i]) / 2;
            int tail = Math.min(length, newLengths[i]) - head;
            System.arraycopy(x, read, out, write, p[0] + head - read);
            write += p[0] + head - read;
            write += Math.max(0, newLengths[i] - length); // the added silence: zeros
            System.arraycopy(x, p[1] - tail, out, write, tail);
            write += tail;
            read = p[1];
        }
        System.arraycopy(x, read, out, write, x.length - read);
        return new Scaled(out, sampleRate, pauses, newLengths);
    }

    /** A signal with its pauses rescaled, and where any instant of the original now falls. */
    public static final class Scaled {
        private final float[] samples;
        private final int sampleRate;
        private final List<int[]> pauses;
        private final int[] newLengths;

        Scaled(float[] samples, int sampleRate, List<int[]> pauses, int[] newLengths) {
            this.samples = samples;
            this.sampleRate = sampleRate;
            this.pauses = pauses;
            this.newLengths = Arrays.copyOf(newLengths, newLengths.length);
        }

        public float[] samples() {
            return samples;
        }

        /** An instant of the original, in seconds, on the rescaled timeline; inside a pause, proportionally. */
        public double map(double seconds) {
            double t = seconds * sampleRate;
            double shift = 0;
            for (int i = 0; i < pauses.size(); i++) {
                int[] p = pauses.get(i);
                int length = p[1] - p[0];
                if (t >= p[1]) {
                    shift += newLengths[i] - length;
                } else if (t > p[0]) {
                    shift += (t - p[0]) / length * (newLengths[i] - length);
                    break;
                } else {
                    break;
                }
            }
            return (t + shift) / sampleRate;
        }
    }
}
