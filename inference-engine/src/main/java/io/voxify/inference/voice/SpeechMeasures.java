package io.voxify.inference.voice;

import io.voxify.inference.audio.Pauses;
import io.voxify.inference.audio.PitchTracker;
import io.voxify.inference.audio.Silence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prosodic facts a clone is fitted to, measured from 16 kHz mono speech the same way for the user's
 * samples and for synthesised speech, so that their ratios are meaningful even where the absolute numbers
 * are only estimates.
 *
 * @param f0MedianHz    median F0 over voiced frames (0 when nothing is voiced)
 * @param f0P10Hz       10th percentile of voiced F0
 * @param f0P90Hz       90th percentile of voiced F0
 * @param syllableRate       syllable nuclei per second of speech, edge silence excluded
 * @param speechSeconds      duration from the first to the last audible sound
 * @param pausedSeconds      how much of that is {@linkplain Pauses pauses}
 * @param medianPauseSeconds the median pause length, 0 when there is no pause
 */
public record SpeechMeasures(
        double f0MedianHz,
        double f0P10Hz,
        double f0P90Hz,
        double syllableRate,
        double speechSeconds,
        double pausedSeconds,
        double medianPauseSeconds) {

    public static final int SAMPLE_RATE = SpeakerEncoder.SAMPLE_RATE;
    /** Pitch and loudness frames: 10 ms. */
    static final int HOP = SAMPLE_RATE / 100;

    private static final int WINDOW = 3 * HOP;
    /** Nuclei are loudness peaks within this many dB of the loudest frame ... */
    private static final double NUCLEUS_FLOOR_DB = 25;
    /** ... standing at least this far above the dip that separates them from the previous nucleus. */
    private static final double NUCLEUS_DIP_DB = 2.0;
    /** Syllables are rarely closer than 80 ms, even in fast speech. */
    private static final int MIN_NUCLEUS_GAP_FRAMES = 8;

    /** Measures 16 kHz mono speech. */
    public static SpeechMeasures of(float[] mono16k) {
        double[] f0 = PitchTracker.track(mono16k, SAMPLE_RATE, HOP);
        double[] voiced = Arrays.stream(f0).filter(v -> v > 0).sorted().toArray();
        int[] bounds = Silence.speechBounds(mono16k, SAMPLE_RATE);
        double seconds = Math.max(0, (double) (bounds[1] - bounds[0]) / SAMPLE_RATE);
        int nuclei = nucleusFrames(mono16k, f0).length;
        List<int[]> pauses = Pauses.find(mono16k, SAMPLE_RATE);
        return new SpeechMeasures(
                percentile(voiced, 0.5),
                percentile(voiced, 0.1),
                percentile(voiced, 0.9),
                seconds > 0 ? nuclei / seconds : 0,
                seconds,
                Math.min(seconds, Pauses.totalSeconds(pauses, SAMPLE_RATE)),
                Pauses.medianSeconds(pauses, SAMPLE_RATE));
    }

    /** Syllable nuclei per second of speaking, pauses left out: how fast the words themselves go. */
    public double articulationRate() {
        double speaking = speechSeconds - pausedSeconds;
        return speaking > 0 ? syllableRate * speechSeconds / speaking : 0;
    }

    /** Seconds of speaking, pauses left out. */
    public double phonationSeconds() {
        return Math.max(0, speechSeconds - pausedSeconds);
    }

    /**
     * A clone target from the user's samples (16 kHz mono each): F0 statistics over all voiced frames of all
     * samples, syllable rate over their total speech time, and the mean of their embeddings, re-normalised.
     */
    public static CloneTarget target(List<float[]> samples, SpeakerEncoder encoder, String language) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a clone target needs at least one sample");
        }
        List<Double> voiced = new ArrayList<>();
        double nuclei = 0;
        double seconds = 0;
        float[] sum = new float[encoder.dimension()];
        for (float[] sample : samples) {
            for (double v : PitchTracker.track(sample, SAMPLE_RATE, HOP)) {
                if (v > 0) {
                    voiced.add(v);
                }
            }
            SpeechMeasures m = of(sample);
            nuclei += m.syllableRate() * m.speechSeconds();
            seconds += m.speechSeconds();
            float[] e = encoder.embed(sample);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += e[i];
            }
        }
        double[] f0 = voiced.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (f0.length == 0 || seconds <= 0) {
            throw new IllegalArgumentException("the samples contain no voiced speech");
        }
        return new CloneTarget(
                percentile(f0, 0.5), percentile(f0, 0.1), percentile(f0, 0.9), nuclei / seconds, unit(sum), language);
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm > 0 ? (float) (v[i] / norm) : 0f;
        }
        return out;
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
        return sorted[i];
    }

    /**
     * Syllable nuclei in the style of de Jong and Wempe: peaks of the smoothed loudness of the vowel band
     * (300–2500 Hz) that are voiced, loud enough, and separated from the previous peak by a dip.
     */
    static int[] nucleusFrames(float[] x, double[] f0) {
        float[] band = vowelBand(x);
        int frames = x.length / HOP + 1;
        double[] db = new double[frames];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < frames; k++) {
            int from = Math.max(0, k * HOP - WINDOW / 2);
            int to = Math.min(x.length, k * HOP + WINDOW / 2);
            double e = 0;
            for (int i = from; i < to; i++) {
                e += (double) band[i] * band[i];
            }
            db[k] = 10 * Math.log10(e / Math.max(1, to - from) + 1e-12);
        }
        double[] smooth = new double[frames];
        for (int k = 0; k < frames; k++) {
            double s = 0;
            int n = 0;
            for (int j = Math.max(0, k - 2); j <= Math.min(frames - 1, k + 2); j++) {
                s += db[j];
                n++;
            }
            smooth[k] = s / n;
            loudest = Math.max(loudest, smooth[k]);
        }
        double floor = loudest - NUCLEUS_FLOOR_DB;
        List<Integer> found = new ArrayList<>();
        int count = 0;
        int lastPeak = -MIN_NUCLEUS_GAP_FRAMES;
        double dipSincePeak = Double.POSITIVE_INFINITY;
        double lastPeakLevel = Double.NEGATIVE_INFINITY;
        for (int k = 1; k + 1 < frames; k++) {
            dipSincePeak = Math.min(dipSincePeak, smooth[k]);
            boolean peak = smooth[k] >= smooth[k - 1] && smooth[k] > smooth[k + 1] && smooth[k] > floor;
            if (!peak || !voicedNear(f0, k)) {
                continue;
            }
            boolean separated = count == 0
                    || (smooth[k] - dipSincePeak >= NUCLEUS_DIP_DB
                            && lastPeakLevel - dipSincePeak >= NUCLEUS_DIP_DB
                            && k - lastPeak >= MIN_NUCLEUS_GAP_FRAMES);
            if (separated) {
                count++;
                found.add(k);
                lastPeak = k;
                lastPeakLevel = smooth[k];
                dipSincePeak = smooth[k];
            } else if (smooth[k] > lastPeakLevel) {
                // The same syllable, louder further on: measure the next dip from its top.
                lastPeakLevel = smooth[k];
                dipSincePeak = smooth[k];
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean voicedNear(double[] f0, int k) {
        for (int j = Math.max(0, k - 2); j <= Math.min(f0.length - 1, k + 2); j++) {
            if (f0[j] > 0) {
                return true;
            }
        }
        return false;
    }

    /** One-pole high-pass at 300 Hz followed by a one-pole low-pass at 2500 Hz. */
    private static float[] vowelBand(float[] x) {
        double hp = Math.exp(-2 * Math.PI * 300.0 / SAMPLE_RATE);
        double lp = Math.exp(-2 * Math.PI * 2500.0 / SAMPLE_RATE);
        float[] out = new float[x.length];
        double prev = 0;
        double high = 0;
        double low = 0;
        for (int i = 0; i < x.length; i++) {
            high = hp * (high + x[i] - prev);
            prev = x[i];
            low = (1 - lp) * high + lp * low;
            out[i] = (float) low;
        }
        return out;
    }
}
