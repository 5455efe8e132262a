package io.voxify.inference.analysis;

import io.voxify.inference.DecodedAudio;
import io.voxify.inference.decoding.AudioHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link SampleAnalyzer} as it was before it measured frame by frame (commit 027c6e7, YIN inlined from
 * {@code PitchTracker} of then): it holds the DC-free signal, its normalised copy and every frame's spectrum at
 * once, about 250 MB for 10 minutes. Kept unchanged as the reference the bounded analyser must agree with.
 */
final class ReferenceSampleAnalyzer {

    public static final int SAMPLE_RATE = 16_000;
    public static final double MIN_SPEECH_SECONDS = 3.0;
    public static final double NO_SPEECH_SECONDS = 0.3;
    public static final double MIN_SNR_DB = 15.0;
    public static final double MAX_CLIPPING_RATIO = 0.01;
    public static final double MIN_RMS_DBFS = -40.0;
    /** |x| at or above this counts as full scale: within 0.1 % of it. */
    public static final double CLIP_LEVEL = 0.999;

    static final double SPEECH_SNR_DB = 3.0;

    private static final int FRAME = 400;
    private static final int HOP = 160;
    private static final int FFT = 512;
    private static final double FLOOR_DB = -120;
    private static final double SILENT_POWER = 1e-12;
    /** Speech bands for the detector: below 150 Hz lives rumble, above 6 kHz little speech energy. */
    private static final int VAD_LOW_BIN = bin(150);

    private static final int VAD_HIGH_BIN = bin(6000);
    /** Vowel nuclei carry their energy in the F1/F2 region. */
    private static final int NUCLEUS_LOW_BIN = bin(300);

    private static final int NUCLEUS_HIGH_BIN = bin(3000);
    /** Periodic frames count as speech only within this distance of the loudest frame. */
    private static final double VOICED_RANGE_DB = 35;
    /** No frame this far below the loudest one is speech, however quiet the floor. */
    private static final double DYNAMIC_RANGE_DB = 50;

    private static final int HANGOVER_FRAMES = 5;
    private static final int PREROLL_FRAMES = 2;
    /** Stop closures and breaths between words are part of speaking, not pauses. */
    private static final int BRIDGE_FRAMES = 15;

    private static final int MIN_RUN_FRAMES = 6;
    private static final int MIN_NOISE_FRAMES = 20;
    private static final double NUCLEUS_DIP_DB = 1.5;
    private static final double SPEECH_PAD_SECONDS = 0.1;
    private static final double OUTPUT_PEAK = Math.pow(10, -1 / 20.0);

    private static final double[] WINDOW = hann(FRAME);
    private static final double[] COS = new double[FFT / 2];
    private static final double[] SIN = new double[FFT / 2];

    static {
        for (int i = 0; i < FFT / 2; i++) {
            COS[i] = Math.cos(2 * Math.PI * i / FFT);
            SIN[i] = -Math.sin(2 * Math.PI * i / FFT);
        }
    }

    ReferenceSampleAnalyzer() {}

    public SampleAnalysis analyze(DecodedAudio audio) {
        RecordingCollector collector = new RecordingCollector();
        collector.begin(new AudioHeader(
                audio.format(), "pcm", audio.channels().length, audio.sampleRate(), 0, audio.frameCount(), true));
        collector.accept(audio.channels(), audio.frameCount());
        return analyze(collector.finish());
    }

    /** A recording gathered while it was decoded, see {@link RecordingCollector}. */
    public SampleAnalysis analyze(Recording recording) {
        double duration = recording.duration();
        double clippingRatio = recording.clippingRatio();
        double peakDbfs = db(recording.peak());

        float[] x = removeDc(recording.mono16k());
        Frames frames = Frames.of(x);
        int n = frames.count;
        double[] f0 = track(normalised(x, frames), SAMPLE_RATE, HOP);
        boolean[] voiced = new boolean[n];
        for (int t = 0; t < n; t++) {
            voiced[t] = f0At(f0, t) > 0;
        }
        boolean[] speech = detectSpeech(frames, voiced);

        int speechFrames = count(speech);
        double speechDuration = speechFrames * (double) HOP / SAMPLE_RATE;
        double silenceRatio = duration == 0 ? 1 : clamp(1 - speechDuration / duration);

        double rmsDbfs = db(Math.sqrt(speechFrames == 0 ? meanPower(x) : meanOver(frames.power, speech)));
        double snrDb = snr(frames, speech);

        double[] sortedF0 = new double[n];
        int voicedSpeech = 0;
        for (int t = 0; t < n; t++) {
            if (speech[t] && voiced[t]) {
                sortedF0[voicedSpeech++] = f0At(f0, t);
            }
        }
        sortedF0 = Arrays.copyOf(sortedF0, voicedSpeech);
        Arrays.sort(sortedF0);
        Double f0Median = sortedF0.length == 0 ? null : percentile(sortedF0, 0.5);
        Double f0P10 = sortedF0.length == 0 ? null : percentile(sortedF0, 0.1);
        Double f0P90 = sortedF0.length == 0 ? null : percentile(sortedF0, 0.9);
        double voicedRatio = speechFrames == 0 ? 0 : (double) voicedSpeech / speechFrames;
        double speakingRate = speechDuration == 0 ? 0 : syllableNuclei(frames, speech, voiced) / speechDuration;
        double tilt = spectralTilt(frames, speechFrames == 0 ? all(n) : speech);

        SampleMetrics metrics = new SampleMetrics(
                duration,
                speechDuration,
                silenceRatio,
                rmsDbfs,
                peakDbfs,
                clippingRatio,
                snrDb,
                f0Median,
                f0P10,
                f0P90,
                voicedRatio,
                speakingRate,
                tilt);
        List<ValidationIssue> issues = validate(metrics, voicedSpeech);
        boolean noSpeech = issues.stream().anyMatch(i -> i.code().equals(ValidationIssue.NO_SPEECH));
        double score = noSpeech ? 0 : qualityScore(metrics);
        return new SampleAnalysis(metrics, issues, score, speechRegions(x, speech));
    }

    private static final double MIN_F0 = 55;
    private static final double MAX_F0 = 500;
    private static final double THRESHOLD = 0.15;
    private static final double FALLBACK_THRESHOLD = 0.35;

    private static double[] track(float[] x, int sampleRate, int hop) {
        int maxLag = (int) Math.ceil(sampleRate / MIN_F0);
        int minLag = (int) Math.floor(sampleRate / MAX_F0);
        int window = maxLag;
        int frames = x.length / hop + 1;
        double[] f0 = new double[frames];
        double[] d = new double[maxLag + 2];
        double silence = 1e-4 * window;
        for (int k = 0; k < frames; k++) {
            int start = k * hop - (window + maxLag) / 2;
            if (start < 0 || start + window + maxLag + 1 >= x.length) {
                continue;
            }
            double energy = 0;
            for (int i = 0; i < window; i++) {
                energy += x[start + i] * x[start + i];
            }
            if (energy < silence) {
                continue;
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
                    continue;
                }
                best = deepest;
            }
            double a = d[best - 1];
            double b = d[best];
            double c = d[best + 1];
            double denom = a - 2 * b + c;
            double shift = denom == 0 ? 0 : 0.5 * (a - c) / denom;
            f0[k] = sampleRate / (best + Math.max(-0.5, Math.min(0.5, shift)));
        }
        return f0;
    }

    private static List<ValidationIssue> validate(SampleMetrics m, int voicedSpeechFrames) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (m.speechDuration() < NO_SPEECH_SECONDS || voicedSpeechFrames == 0) {
            issues.add(new ValidationIssue(
                    ValidationIssue.NO_SPEECH,
                    m.speechDuration() < NO_SPEECH_SECONDS
                            ? format(
                                    "only %.2f s of speech was found; at least %.1f s is needed",
                                    m.speechDuration(), NO_SPEECH_SECONDS)
                            : format("%.2f s of sound was found but none of it is voiced speech", m.speechDuration())));
        } else {
            if (m.speechDuration() < MIN_SPEECH_SECONDS) {
                issues.add(new ValidationIssue(
                        ValidationIssue.TOO_SHORT,
                        format(
                                "the recording holds %.1f s of speech; at least %.1f s is needed",
                                m.speechDuration(), MIN_SPEECH_SECONDS)));
            }
            if (m.snrDb() < MIN_SNR_DB) {
                issues.add(new ValidationIssue(
                        ValidationIssue.TOO_NOISY,
                        format(
                                "the speech is only %.1f dB above the background noise; at least %.0f dB is needed",
                                m.snrDb(), MIN_SNR_DB)));
            }
            if (m.rmsDbfs() < MIN_RMS_DBFS) {
                issues.add(new ValidationIssue(
                        ValidationIssue.TOO_QUIET,
                        format(
                                "the speech level is %.1f dBFS; it should be at least %.0f dBFS",
                                m.rmsDbfs(), MIN_RMS_DBFS)));
            }
        }
        if (m.clippingRatio() > MAX_CLIPPING_RATIO) {
            issues.add(new ValidationIssue(
                    ValidationIssue.CLIPPED,
                    format(
                            "%.2f %% of the samples are clipped at full scale; at most %.1f %% is tolerated",
                            100 * m.clippingRatio(), 100 * MAX_CLIPPING_RATIO)));
        }
        return issues;
    }

    static double qualityScore(SampleMetrics m) {
        double qSnr = clamp((m.snrDb() - 10) / 25);
        double qClip = clamp(1 - m.clippingRatio() / 0.02);
        double rms = m.rmsDbfs();
        double qLoud = rms < -30 ? clamp(1 - (-30 - rms) / 20) : rms > -12 ? clamp(1 - (rms + 12) / 10) : 1;
        double qDur = Math.min(1, Math.sqrt(m.speechDuration() / 30));
        double qVoiced = clamp(m.voicedRatio() / 0.5);
        double qSilence = 1 - clamp((m.silenceRatio() - 0.3) / 0.7);
        return clamp(qClip * (0.15 + 0.85 * qSnr) * (0.40 * qLoud + 0.25 * qDur + 0.20 * qVoiced + 0.15 * qSilence));
    }

    /** Per-frame power and spectrum of the 16 kHz signal. */
    private record Frames(int count, double[] power, double[][] spectrum) {

        static Frames of(float[] x) {
            int n = x.length < FRAME ? (x.length == 0 ? 0 : 1) : 1 + (x.length - FRAME) / HOP;
            double[] power = new double[n];
            double[][] spectrum = new double[n][];
            double[] re = new double[FFT];
            double[] im = new double[FFT];
            for (int t = 0; t < n; t++) {
                int start = t * HOP;
                // Power over the hop, not the window, so that frame powers add up to the signal's power.
                double sum = 0;
                int end = Math.min(x.length, start + HOP);
                for (int i = start; i < end; i++) {
                    sum += (double) x[i] * x[i];
                }
                power[t] = sum / HOP;
                Arrays.fill(re, 0);
                Arrays.fill(im, 0);
                for (int i = 0; i < FRAME && start + i < x.length; i++) {
                    re[i] = x[start + i] * WINDOW[i];
                }
                fft(re, im);
                double[] p = new double[FFT / 2 + 1];
                for (int k = 0; k <= FFT / 2; k++) {
                    p[k] = re[k] * re[k] + im[k] * im[k];
                }
                spectrum[t] = p;
            }
            return new Frames(n, power, spectrum);
        }
    }

    /** YIN's estimate k is centred on sample k·HOP; frame t is centred on t·HOP + FRAME/2. */
    private static double f0At(double[] f0, int t) {
        int k = (int) Math.round((t * HOP + FRAME / 2.0) / HOP);
        return k < f0.length ? f0[k] : 0;
    }

    /**
     * The signal scaled so that its loud frames (99th percentile) sit at −12 dBFS RMS: YIN ignores frames below
     * a fixed absolute level, and a quiet recording must not read as unvoiced merely for being quiet.
     */
    private static float[] normalised(float[] x, Frames frames) {
        if (frames.count == 0) {
            return x;
        }
        double[] sorted = frames.power.clone();
        Arrays.sort(sorted);
        double loud = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
        if (loud < SILENT_POWER) {
            return x;
        }
        float gain = (float) (0.25 / Math.sqrt(loud));
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * gain;
        }
        return y;
    }

    private static boolean[] detectSpeech(Frames frames, boolean[] voiced) {
        int n = frames.count;
        if (n == 0) {
            return new boolean[0];
        }
        double loudestDb = powerDb(Arrays.stream(frames.power).max().orElse(0));
        double[] noise = quietestSpectrum(frames);
        boolean[] speech = classify(frames, voiced, noise, loudestDb);
        boolean[] far = awayFromSpeech(speech);
        if (count(far) >= MIN_NOISE_FRAMES) {
            speech = classify(frames, voiced, meanSpectrum(frames, far), loudestDb);
        }
        return speech;
    }

    private static boolean[] classify(Frames frames, boolean[] voiced, double[] noise, double loudestDb) {
        int n = frames.count;
        boolean[] raw = new boolean[n];
        for (int t = 0; t < n; t++) {
            double frameDb = powerDb(frames.power[t]);
            if (frameDb < loudestDb - DYNAMIC_RANGE_DB || frames.power[t] < SILENT_POWER) {
                continue;
            }
            double ratio = 0;
            for (int k = VAD_LOW_BIN; k <= VAD_HIGH_BIN; k++) {
                ratio += frames.spectrum[t][k] / noise[k];
            }
            double whitenedSnrDb = 10 * Math.log10(ratio / (VAD_HIGH_BIN - VAD_LOW_BIN + 1));
            raw[t] = whitenedSnrDb > SPEECH_SNR_DB || (voiced[t] && frameDb > loudestDb - VOICED_RANGE_DB);
        }
        return smooth(raw, voiced);
    }

    /** Hangover and pre-roll, bridging of short gaps, then removal of short unvoiced blips. */
    private static boolean[] smooth(boolean[] raw, boolean[] voiced) {
        int n = raw.length;
        boolean[] s = new boolean[n];
        for (int t = 0; t < n; t++) {
            if (raw[t]) {
                for (int u = Math.max(0, t - PREROLL_FRAMES); u <= Math.min(n - 1, t + HANGOVER_FRAMES); u++) {
                    s[u] = true;
                }
            }
        }
        int lastSpeech = -1;
        for (int t = 0; t < n; t++) {
            if (s[t]) {
                if (lastSpeech >= 0 && t - lastSpeech - 1 <= BRIDGE_FRAMES) {
                    Arrays.fill(s, lastSpeech + 1, t, true);
                }
                lastSpeech = t;
            }
        }
        int t = 0;
        while (t < n) {
            if (!s[t]) {
                t++;
                continue;
            }
            int end = t;
            boolean anyVoiced = false;
            while (end < n && s[end]) {
                anyVoiced |= voiced[end];
                end++;
            }
            // A burst of noise is short and aperiodic; the shortest word is neither.
            if (end - t < MIN_RUN_FRAMES + PREROLL_FRAMES + HANGOVER_FRAMES && !anyVoiced) {
                Arrays.fill(s, t, end, false);
            }
            t = end;
        }
        return s;
    }

    /** Mean spectrum of the quietest tenth of the frames, a first guess at the noise floor. */
    private static double[] quietestSpectrum(Frames frames) {
        Integer[] order = new Integer[frames.count];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> Double.compare(frames.power[a], frames.power[b]));
        boolean[] quiet = new boolean[frames.count];
        int take = Math.max(1, frames.count / 10);
        for (int i = 0; i < take; i++) {
            quiet[order[i]] = true;
        }
        return meanSpectrum(frames, quiet);
    }

    private static double[] meanSpectrum(Frames frames, boolean[] mask) {
        double[] mean = new double[FFT / 2 + 1];
        int used = 0;
        for (int t = 0; t < frames.count; t++) {
            if (mask[t]) {
                used++;
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += frames.spectrum[t][k];
                }
            }
        }
        // The floor keeps digitally silent bins from dividing by zero.
        double floor = SILENT_POWER * FRAME;
        for (int k = 0; k < mean.length; k++) {
            mean[k] = Math.max(floor, used == 0 ? 0 : mean[k] / used);
        }
        return mean;
    }

    /** Non-speech frames that are not the onset or tail of a word. */
    private static boolean[] awayFromSpeech(boolean[] speech) {
        int n = speech.length;
        boolean[] far = new boolean[n];
        int margin = 3;
        for (int t = 0; t < n; t++) {
            boolean near = false;
            for (int u = Math.max(0, t - margin); u <= Math.min(n - 1, t + margin) && !near; u++) {
                near = speech[u];
            }
            far[t] = !near;
        }
        return far;
    }

    private static double snr(Frames frames, boolean[] speech) {
        int speechFrames = count(speech);
        if (speechFrames == 0) {
            return -10;
        }
        boolean[] far = awayFromSpeech(speech);
        double noisePower;
        if (count(far) >= MIN_NOISE_FRAMES) {
            noisePower = meanOver(frames.power, far);
        } else {
            // Barely any pauses: the quietest speech-free or speech frames stand in for the floor.
            double[] sorted = frames.power.clone();
            Arrays.sort(sorted);
            int take = Math.max(1, sorted.length / 10);
            noisePower = Arrays.stream(sorted, 0, take).average().orElse(0);
        }
        double speechPower = meanOver(frames.power, speech);
        if (noisePower < SILENT_POWER) {
            return 80;
        }
        // Speech frames hold speech plus noise; what is left after the noise is the speech itself.
        double clean = Math.max(speechPower - noisePower, SILENT_POWER);
        return Math.max(-10, Math.min(80, 10 * Math.log10(clean / noisePower)));
    }

    /**
     * Syllable nuclei after de Jong and Wempe (2009): peaks of the F1/F2-band intensity, smoothed over 50 ms,
     * that stand out by {@value #NUCLEUS_DIP_DB} dB from the dips on both sides, reach the 30th percentile of
     * the speech intensity and no lower than 25 dB under its maximum, and fall on voiced frames.
     */
    private static int syllableNuclei(Frames frames, boolean[] speech, boolean[] voiced) {
        int n = frames.count;
        double[] band = new double[n];
        for (int t = 0; t < n; t++) {
            double e = 0;
            for (int k = NUCLEUS_LOW_BIN; k <= NUCLEUS_HIGH_BIN; k++) {
                e += frames.spectrum[t][k];
            }
            band[t] = e;
        }
        double[] kernel = hann(5);
        double[] intensity = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            double weight = 0;
            for (int j = 0; j < kernel.length; j++) {
                int u = t + j - kernel.length / 2;
                if (u >= 0 && u < n) {
                    sum += kernel[j] * band[u];
                    weight += kernel[j];
                }
            }
            intensity[t] = 10 * Math.log10(Math.max(sum / weight, SILENT_POWER));
        }
        double[] speechIntensity = new double[count(speech)];
        for (int t = 0, i = 0; t < n; t++) {
            if (speech[t]) {
                speechIntensity[i++] = intensity[t];
            }
        }
        if (speechIntensity.length == 0) {
            return 0;
        }
        Arrays.sort(speechIntensity);
        // Unstressed syllables peak below the median, so the gate sits lower than de Jong's median.
        double threshold = Math.max(percentile(speechIntensity, 0.3), speechIntensity[speechIntensity.length - 1] - 25);

        List<Integer> peaks = new ArrayList<>();
        for (int t = 1; t < n - 1; t++) {
            if (intensity[t] > intensity[t - 1] && intensity[t] >= intensity[t + 1]) {
                peaks.add(t);
            }
        }
        // Merge neighbours whose separating dip is too shallow, keeping the higher: repeat until stable.
        boolean merged = true;
        while (merged && peaks.size() > 1) {
            merged = false;
            for (int i = 0; i + 1 < peaks.size(); i++) {
                int a = peaks.get(i);
                int b = peaks.get(i + 1);
                double dip = Double.MAX_VALUE;
                for (int t = a; t <= b; t++) {
                    dip = Math.min(dip, intensity[t]);
                }
                if (Math.min(intensity[a], intensity[b]) - dip < NUCLEUS_DIP_DB) {
                    peaks.remove(intensity[a] >= intensity[b] ? i + 1 : i);
                    merged = true;
                    break;
                }
            }
        }
        int nuclei = 0;
        for (int t : peaks) {
            if (speech[t] && intensity[t] >= threshold && voicedNear(voiced, t)) {
                nuclei++;
            }
        }
        return nuclei;
    }

    private static boolean voicedNear(boolean[] voiced, int t) {
        for (int u = Math.max(0, t - 1); u <= Math.min(voiced.length - 1, t + 1); u++) {
            if (voiced[u]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Regression slope of the average power spectral density in half-octave bands from 100 Hz to 7 kHz
     * against log2 of the band centre. Density rather than band sum, so that white noise reads 0 dB/octave.
     */
    private static double spectralTilt(Frames frames, boolean[] mask) {
        double[] mean = meanSpectrum(frames, mask);
        List<double[]> points = new ArrayList<>();
        for (double centre = 100; centre <= 7000; centre *= Math.sqrt(2)) {
            int lo = Math.max(1, bin(centre / Math.pow(2, 0.25)));
            int hi = Math.min(FFT / 2, bin(centre * Math.pow(2, 0.25)));
            double sum = 0;
            for (int k = lo; k <= hi; k++) {
                sum += mean[k];
            }
            points.add(new double[] {Math.log(centre) / Math.log(2), 10 * Math.log10(sum / (hi - lo + 1))});
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /** Speech runs padded by {@value #SPEECH_PAD_SECONDS} s, joined, peak-normalised to −1 dBFS. */
    private static float[] speechRegions(float[] x, boolean[] speech) {
        int pad = (int) (SPEECH_PAD_SECONDS * SAMPLE_RATE);
        boolean[] keep = new boolean[x.length];
        for (int t = 0; t < speech.length; t++) {
            if (speech[t]) {
                int from = Math.max(0, t * HOP - pad);
                int to = Math.min(x.length, t * HOP + FRAME + pad);
                Arrays.fill(keep, from, to, true);
            }
        }
        int length = 0;
        for (boolean k : keep) {
            length += k ? 1 : 0;
        }
        float[] out = new float[length];
        double peak = 0;
        for (int i = 0, j = 0; i < x.length; i++) {
            if (keep[i]) {
                out[j++] = x[i];
                peak = Math.max(peak, Math.abs(x[i]));
            }
        }
        if (peak > 0) {
            float gain = (float) (OUTPUT_PEAK / peak);
            for (int i = 0; i < out.length; i++) {
                out[i] *= gain;
            }
        }
        return out;
    }

    /** Mean removal, then a one-pole high-pass near 10 Hz for slow drift the mean cannot catch. */
    private static float[] removeDc(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean = x.length == 0 ? 0 : mean / x.length;
        float[] y = new float[x.length];
        double r = 1 - 2 * Math.PI * 10 / SAMPLE_RATE;
        double prevIn = 0;
        double prevOut = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i] - mean;
            double out = in - prevIn + r * prevOut;
            prevIn = in;
            prevOut = out;
            y[i] = (float) out;
        }
        return y;
    }

    private static double meanPower(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }

    private static double meanOver(double[] values, boolean[] mask) {
        double sum = 0;
        int used = 0;
        for (int t = 0; t < values.length; t++) {
            if (mask[t]) {
                sum += values[t];
                used++;
            }
        }
        return used == 0 ? 0 : sum / used;
    }

    private static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double tr = re[i];
                re[i] = re[j];
                re[j] = tr;
                double ti = im[i];
                im[i] = im[j];
                im[j] = ti;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int step = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = COS[k * step];
                    double wi = SIN[k * step];
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private static double[] hann(int length) {
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / length);
        }
        return w;
    }

    private static int bin(double hz) {
        return (int) Math.round(hz * FFT / SAMPLE_RATE);
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static boolean[] all(int n) {
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        return mask;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double db(double amplitude) {
        return amplitude <= 0 ? FLOOR_DB : Math.max(FLOOR_DB, 20 * Math.log10(amplitude));
    }

    private static double powerDb(double power) {
        return power <= 0 ? FLOOR_DB * 2 : 10 * Math.log10(power);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
