package io.voxify.inference.audio;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Rational sample-rate conversion with a polyphase windowed-sinc (Kaiser) low-pass. The cut-off sits at 95 %
 * of the lower Nyquist frequency with a transition band of ±5 %, so the passband is flat to 0.9 × Nyquist and
 * everything above the new Nyquist frequency is suppressed by about 80 dB. Filters are built per rate pair
 * and kept for reuse within a bound; instances are immutable and thread-safe.
 */
public final class Resampler {

    private static final double STOPBAND_DB = 80;
    private static final double CUTOFF = 0.95;
    private static final double TRANSITION = 0.10;
    /**
     * Filters by rate pair. A decoded upload brings its own sample rate, and an odd one makes a filter of
     * up to tens of MB (one phase per output sample of the rates' least common period), so the filters
     * kept are bounded: {@value #CACHE_MAX_BYTES} bytes of coefficients, each filter counted at least at
     * 1/{@value #CACHE_MAX_FILTERS} of that, and a pair unused for half an hour is dropped. A filter larger
     * than the whole bound is built, used and not kept.
     */
    private static final long CACHE_MAX_BYTES = 64L << 20;

    private static final int CACHE_MAX_FILTERS = 256;
    private static final Cache<Long, Resampler> CACHE = Caffeine.newBuilder()
            .maximumWeight(CACHE_MAX_BYTES)
            .weigher((Long pair, Resampler filter) -> (int) Math.min(
                    Integer.MAX_VALUE,
                    Math.max(CACHE_MAX_BYTES / CACHE_MAX_FILTERS, 64L + 4L * filter.up * filter.taps)))
            .expireAfterAccess(Duration.ofMinutes(30))
            .executor(Runnable::run)
            .build();

    private final int up;
    private final int down;
    private final int taps;
    private final int centre;
    private final float[][] phases;

    private Resampler(int fromRate, int toRate) {
        int g = gcd(fromRate, toRate);
        up = toRate / g;
        down = fromRate / g;
        // Cut-off and transition in cycles per input sample; downsampling scales them to the output Nyquist.
        double nyquistFraction = Math.min(1.0, (double) toRate / fromRate);
        double fc = 0.5 * CUTOFF * nyquistFraction;
        double transition = 0.5 * TRANSITION * nyquistFraction;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        int length = (int) Math.ceil((STOPBAND_DB - 8) / (2.285 * 2 * Math.PI * transition)) + 1;
        taps = length + (length & 1);
        centre = taps / 2 - 1;
        double halfSpan = taps / 2.0;
        double i0Beta = besselI0(beta);
        phases = new float[up][taps];
        for (int p = 0; p < up; p++) {
            double frac = (double) p / up;
            double sum = 0;
            double[] h = new double[taps];
            for (int j = 0; j < taps; j++) {
                // Tap j multiplies input sample (i - centre + j); its distance from the output instant i + frac.
                double t = (j - centre) - frac;
                double x = t / halfSpan;
                double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                double sinc = t == 0 ? 1 : Math.sin(2 * Math.PI * fc * t) / (2 * Math.PI * fc * t);
                h[j] = 2 * fc * sinc * window;
                sum += h[j];
            }
            // Unit DC gain in every phase, or steady tones would pick up a ripple at the phase rate.
            for (int j = 0; j < taps; j++) {
                phases[p][j] = (float) (h[j] / sum);
            }
        }
    }

    public static Resampler of(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        return CACHE.get(((long) fromRate << 32) | toRate, k -> new Resampler(fromRate, toRate));
    }

    /** Filters kept now. */
    static long cachedFilters() {
        CACHE.cleanUp();
        return CACHE.estimatedSize();
    }

    public static float[] resample(float[] input, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return input.clone();
        }
        return of(fromRate, toRate).process(input);
    }

    public float[] process(float[] input) {
        int outLength = (int) (((long) input.length * up + down - 1) / down);
        float[] out = new float[outLength];
        for (int n = 0; n < outLength; n++) {
            long pos = (long) n * down;
            int i = (int) (pos / up);
            float[] h = phases[(int) (pos % up)];
            int first = i - centre;
            double acc = 0;
            int jStart = Math.max(0, -first);
            int jEnd = Math.min(taps, input.length - first);
            for (int j = jStart; j < jEnd; j++) {
                acc += h[j] * input[first + j];
            }
            out[n] = (float) acc;
        }
        return out;
    }

    /** Receives resampled audio in pieces; the array is reused after the call. */
    @FunctionalInterface
    public interface Output {
        void accept(float[] samples, int count);
    }

    /**
     * A conversion of audio that arrives in pieces, holding only the filter's span of input: the output is
     * the same, sample for sample, as {@link #resample} of the whole signal.
     */
    public static Stream stream(int fromRate, int toRate, Output output) {
        return new Stream(fromRate == toRate ? null : of(fromRate, toRate), output);
    }

    public static final class Stream {
        private static final int OUT_BLOCK = 4096;

        private final Resampler filter;
        private final Output output;
        private final float[] out = new float[OUT_BLOCK];
        private int outCount;
        private float[] input = new float[0];
        /** Absolute index of input[0]. */
        private long base;

        private int held;
        private long received;
        private long next;

        private Stream(Resampler filter, Output output) {
            this.filter = filter;
            this.output = output;
        }

        public void push(float[] samples, int count) {
            if (filter == null) {
                output.accept(samples, count);
                received += count;
                return;
            }
            if (held + count > input.length) {
                float[] grown = new float[Math.max(held + count, 2 * input.length)];
                System.arraycopy(input, 0, grown, 0, held);
                input = grown;
            }
            System.arraycopy(samples, 0, input, held, count);
            held += count;
            received += count;
            while (true) {
                long pos = next * filter.down;
                long first = pos / filter.up - filter.centre;
                if (first + filter.taps > received) {
                    break;
                }
                emit(pos, first, filter.taps);
            }
            long needed = Math.max(0, (next * filter.down) / filter.up - filter.centre);
            int drop = (int) Math.min(held, needed - base);
            if (drop > 0) {
                System.arraycopy(input, drop, input, 0, held - drop);
                held -= drop;
                base += drop;
            }
            flush();
        }

        /** The end of the input: the last outputs see zeros past it, as {@link #resample} does. */
        public void finish() {
            if (filter != null) {
                long total = (received * filter.up + filter.down - 1) / filter.down;
                while (next < total) {
                    long pos = next * filter.down;
                    long first = pos / filter.up - filter.centre;
                    emit(pos, first, (int) Math.min(filter.taps, received - first));
                }
            }
            flush();
        }

        private void emit(long pos, long first, int jEnd) {
            float[] h = filter.phases[(int) (pos % filter.up)];
            double acc = 0;
            int jStart = (int) Math.max(0, -first);
            int offset = (int) (first - base);
            for (int j = jStart; j < jEnd; j++) {
                acc += h[j] * input[offset + j];
            }
            out[outCount++] = (float) acc;
            next++;
            if (outCount == OUT_BLOCK) {
                flush();
            }
        }

        private void flush() {
            if (outCount > 0) {
                output.accept(out, outCount);
                outCount = 0;
            }
        }
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
