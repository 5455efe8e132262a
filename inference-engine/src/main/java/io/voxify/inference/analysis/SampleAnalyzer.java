package io.voxify.inference.analysis;

import io.voxify.inference.DecodedAudio;
import io.voxify.inference.audio.PitchTracker;
import io.voxify.inference.decoding.AudioHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures an uploaded voice recording and decides whether it is fit to clone a voice from.
 *
 * <p>The recording is mixed to mono, resampled to 16 kHz, freed of DC and cut into 25 ms frames every 10 ms.
 * A frame is speech when its energy, weighted bin by bin against the noise spectrum, stands
 * {@value #SPEECH_SNR_DB} dB above the noise floor, or when it is clearly periodic and not far below the
 * loudest frame. The noise spectrum comes first from the quietest frames and is then re-estimated from the
 * frames the first pass called non-speech, so the floor follows the recording rather than a fixed level.
 * Clipping is counted on the original samples, before resampling smears the flat tops.
 *
 * <p>Quality score, in [0, 1] and 0 when there is no speech:
 * <pre>
 *   score = q_clip · (0.15 + 0.85 · q_snr) · (0.40 · q_loud + 0.25 · q_dur + 0.20 · q_voiced + 0.15 · q_silence)
 *   q_snr     = clamp((snrDb − 10) / 25)                      0 at 10 dB, 1 at 35 dB
 *   q_clip    = clamp(1 − clippingRatio / 0.02)               1 without clipping, 0 at 2 %
 *   q_loud    = 1 for rmsDbfs in [−30, −12], falling linearly to 0 at −50 and at −2 dBFS
 *   q_dur     = min(1, sqrt(speechDuration / 30 s))
 *   q_voiced  = clamp(voicedRatio / 0.5)                      ordinary speech is at least half voiced
 *   q_silence = 1 − clamp((silenceRatio − 0.3) / 0.7)         pauses up to 30 % of the file are normal
 * </pre>
 * Clipping multiplies because it cannot be undone; noise only scales the score down to 15 %, because a noisy
 * but clean-cut voice can still be denoised; the remaining qualities trade off against each other.
 *
 * <p>Memory: besides the recording and the speech it returns, the analysis keeps a few numbers per frame
 * (power, F0, band energy, flags: 5.4 MB allocated in all for 10 minutes) and never a spectrogram. The DC-free
 * signal is not stored either: each pass filters the recording afresh through a window of
 * {@value #WINDOW_SAMPLES} samples, and each pass that needs spectra computes them frame by frame and keeps
 * only what it sums or weighs of them. Recomputing in the same order gives the same numbers, bit for bit, as
 * holding them did; it costs an FFT per frame in each pass that needs spectra (five passes, two of them over
 * all frames, the others over the quiet, the non-speech and the speech frames): about 20 % more CPU.
 *
 * <p>Instances hold no mutable state: one analyzer may serve any number of threads.
 */
public final class SampleAnalyzer {

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
    /** The part of the DC-free signal a pass holds at once; larger than any frame or YIN window. */
    private static final int WINDOW_SAMPLES = 8192;

    private static final int BINS = FFT / 2 + 1;

    private static final double[] WINDOW = hann(FRAME);
    private static final double[] COS = new double[FFT / 2];
    private static final double[] SIN = new double[FFT / 2];

    static {
        for (int i = 0; i < FFT / 2; i++) {
            COS[i] = Math.cos(2 * Math.PI * i / FFT);
            SIN[i] = -Math.sin(2 * Math.PI * i / FFT);
        }
    }

    public SampleAnalyzer() {}

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

        DcFree x = new DcFree(recording.mono16k());
        int n = frameCount(x.length);
        double[] power = framePowers(x, n);
        double[] sortedPower = power.clone();
        Arrays.sort(sortedPower);
        double[] f0 = pitch(x, normalisingGain(sortedPower));
        boolean[] voiced = new boolean[n];
        for (int t = 0; t < n; t++) {
            voiced[t] = f0At(f0, t) > 0;
        }
        double[] band = new double[n];
        boolean[] speech = detectSpeech(x, power, sortedPower, voiced, band);

        int speechFrames = count(speech);
        double speechDuration = speechFrames * (double) HOP / SAMPLE_RATE;
        double silenceRatio = duration == 0 ? 1 : clamp(1 - speechDuration / duration);

        double rmsDbfs = db(Math.sqrt(speechFrames == 0 ? meanPower(x) : meanOver(power, speech)));
        double snrDb = snr(power, sortedPower, speech);

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
        double speakingRate = speechDuration == 0 ? 0 : syllableNuclei(band, speech, voiced) / speechDuration;
        double tilt = spectralTilt(x, speechFrames == 0 ? all(n) : speech);

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

    /**
     * The recording with its mean removed and then high-passed near 10 Hz, for slow drift the mean cannot catch.
     * It is never held whole: a {@link Pass} filters it from the start each time, which gives the same floats
     * every time.
     */
    private static final class DcFree {
        private static final double R = 1 - 2 * Math.PI * 10 / SAMPLE_RATE;
        private final float[] x;
        private final double mean;
        final int length;

        DcFree(float[] x) {
            this.x = x;
            length = x.length;
            double sum = 0;
            for (float v : x) {
                sum += v;
            }
            mean = x.length == 0 ? 0 : sum / x.length;
        }

        Pass pass() {
            return new Pass();
        }

        /** Reads the signal forwards, holding {@value #WINDOW_SAMPLES} samples of it at most. */
        final class Pass {
            private final float[] window = new float[WINDOW_SAMPLES];
            private int windowStart;
            private int filled;
            private int next;
            private double prevIn;
            private double prevOut;

            /**
             * Makes samples {@code [from, from + count)} readable in {@link #samples()} and answers where
             * {@code from} is in it. {@code from} never goes back; {@code count} is at most the window's size.
             */
            int at(int from, int count) {
                int end = Math.min(length, from + count);
                if (end > windowStart + filled) {
                    int keep = Math.max(0, windowStart + filled - from);
                    System.arraycopy(window, filled - keep, window, 0, keep);
                    windowStart = from;
                    filled = keep;
                    while (next < from) {
                        filter();
                    }
                    int fillTo = Math.min(length - windowStart, window.length);
                    while (filled < fillTo) {
                        window[filled++] = filter();
                    }
                }
                return from - windowStart;
            }

            float[] samples() {
                return window;
            }

            private float filter() {
                double in = x[next++] - mean;
                double out = in - prevIn + R * prevOut;
                prevIn = in;
                prevOut = out;
                return (float) out;
            }
        }
    }

    private static int frameCount(int samples) {
        return samples < FRAME ? (samples == 0 ? 0 : 1) : 1 + (samples - FRAME) / HOP;
    }

    /** Power over the hop, not the window, so that frame powers add up to the signal's power. */
    private static double[] framePowers(DcFree x, int n) {
        double[] power = new double[n];
        DcFree.Pass pass = x.pass();
        float[] s = pass.samples();
        for (int t = 0; t < n; t++) {
            int start = t * HOP;
            int at = pass.at(start, HOP);
            double sum = 0;
            int end = Math.min(x.length, start + HOP) - start + at;
            for (int i = at; i < end; i++) {
                sum += (double) s[i] * s[i];
            }
            power[t] = sum / HOP;
        }
        return power;
    }

    private interface SpectrumUse {
        void frame(int t, double[] spectrum);
    }

    /**
     * The power spectrum of every frame in {@code frames} (of all when null), handed to {@code use} in frame
     * order in one array that the next frame overwrites.
     */
    private static void spectra(DcFree x, int n, boolean[] frames, SpectrumUse use) {
        DcFree.Pass pass = x.pass();
        float[] s = pass.samples();
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        double[] p = new double[BINS];
        for (int t = 0; t < n; t++) {
            if (frames != null && !frames[t]) {
                continue;
            }
            int start = t * HOP;
            int at = pass.at(start, FRAME);
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            for (int i = 0; i < FRAME && start + i < x.length; i++) {
                re[i] = s[at + i] * WINDOW[i];
            }
            fft(re, im);
            for (int k = 0; k < BINS; k++) {
                p[k] = re[k] * re[k] + im[k] * im[k];
            }
            use.frame(t, p);
        }
    }

    /** YIN on the signal scaled by {@code gain}, one window at a time; see {@link PitchTracker#track}. */
    private static double[] pitch(DcFree x, float gain) {
        PitchTracker.Yin yin = new PitchTracker.Yin(SAMPLE_RATE);
        double[] f0 = new double[x.length / HOP + 1];
        float[] scaled = new float[yin.span()];
        DcFree.Pass pass = x.pass();
        float[] s = pass.samples();
        for (int k = 0; k < f0.length; k++) {
            int start = yin.firstSample(k * HOP);
            if (!yin.fits(start, x.length)) {
                continue;
            }
            int at = pass.at(start, scaled.length);
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = s[at + i] * gain;
            }
            f0[k] = yin.estimate(scaled, 0);
        }
        return f0;
    }

    /** YIN's estimate k is centred on sample k·HOP; frame t is centred on t·HOP + FRAME/2. */
    private static double f0At(double[] f0, int t) {
        int k = (int) Math.round((t * HOP + FRAME / 2.0) / HOP);
        return k < f0.length ? f0[k] : 0;
    }

    /**
     * The gain that puts the loud frames (99th percentile) at −12 dBFS RMS: YIN ignores frames below a fixed
     * absolute level, and a quiet recording must not read as unvoiced merely for being quiet.
     */
    private static float normalisingGain(double[] sortedPower) {
        if (sortedPower.length == 0) {
            return 1f;
        }
        double loud = sortedPower[(int) Math.floor(0.99 * (sortedPower.length - 1))];
        return loud < SILENT_POWER ? 1f : (float) (0.25 / Math.sqrt(loud));
    }

    /** Also fills {@code band} with every frame's F1/F2-band energy, for the syllable count. */
    private static boolean[] detectSpeech(
            DcFree x, double[] power, double[] sortedPower, boolean[] voiced, double[] band) {
        int n = power.length;
        if (n == 0) {
            return new boolean[0];
        }
        double loudestDb = powerDb(Arrays.stream(power).max().orElse(0));
        // The mean spectrum of the quietest tenth of the frames is a first guess at the noise floor.
        double[] noise = meanSpectrum(x, quietestTenth(power, sortedPower));
        boolean[] speech = classify(x, power, voiced, noise, loudestDb, band);
        boolean[] far = awayFromSpeech(speech);
        if (count(far) >= MIN_NOISE_FRAMES) {
            speech = classify(x, power, voiced, meanSpectrum(x, far), loudestDb, null);
        }
        return speech;
    }

    /** Spectra are computed only for frames loud enough to judge, or for all of them when {@code band} is wanted. */
    private static boolean[] classify(
            DcFree x, double[] power, boolean[] voiced, double[] noise, double loudestDb, double[] band) {
        int n = power.length;
        boolean[] judged = new boolean[n];
        for (int t = 0; t < n; t++) {
            judged[t] = !(powerDb(power[t]) < loudestDb - DYNAMIC_RANGE_DB || power[t] < SILENT_POWER);
        }
        boolean[] raw = new boolean[n];
        spectra(x, n, band == null ? judged : null, (t, p) -> {
            if (band != null) {
                double e = 0;
                for (int k = NUCLEUS_LOW_BIN; k <= NUCLEUS_HIGH_BIN; k++) {
                    e += p[k];
                }
                band[t] = e;
            }
            if (!judged[t]) {
                return;
            }
            double ratio = 0;
            for (int k = VAD_LOW_BIN; k <= VAD_HIGH_BIN; k++) {
                ratio += p[k] / noise[k];
            }
            double whitenedSnrDb = 10 * Math.log10(ratio / (VAD_HIGH_BIN - VAD_LOW_BIN + 1));
            raw[t] = whitenedSnrDb > SPEECH_SNR_DB || (voiced[t] && powerDb(power[t]) > loudestDb - VOICED_RANGE_DB);
        });
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

    /** The quietest tenth of the frames by power; of equal powers, the earlier frames. */
    private static boolean[] quietestTenth(double[] power, double[] sortedPower) {
        int take = Math.max(1, power.length / 10);
        double last = sortedPower[take - 1];
        int ties = take;
        for (double p : power) {
            ties -= Double.compare(p, last) < 0 ? 1 : 0;
        }
        boolean[] quiet = new boolean[power.length];
        for (int t = 0; t < power.length; t++) {
            int c = Double.compare(power[t], last);
            if (c < 0 || (c == 0 && ties-- > 0)) {
                quiet[t] = true;
            }
        }
        return quiet;
    }

    private static double[] meanSpectrum(DcFree x, boolean[] mask) {
        double[] mean = new double[BINS];
        int[] used = {0};
        spectra(x, mask.length, mask, (t, p) -> {
            used[0]++;
            for (int k = 0; k < BINS; k++) {
                mean[k] += p[k];
            }
        });
        // The floor keeps digitally silent bins from dividing by zero.
        double floor = SILENT_POWER * FRAME;
        for (int k = 0; k < mean.length; k++) {
            mean[k] = Math.max(floor, used[0] == 0 ? 0 : mean[k] / used[0]);
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

    private static double snr(double[] power, double[] sortedPower, boolean[] speech) {
        int speechFrames = count(speech);
        if (speechFrames == 0) {
            return -10;
        }
        boolean[] far = awayFromSpeech(speech);
        double noisePower;
        if (count(far) >= MIN_NOISE_FRAMES) {
            noisePower = meanOver(power, far);
        } else {
            // Barely any pauses: the quietest speech-free or speech frames stand in for the floor.
            int take = Math.max(1, sortedPower.length / 10);
            noisePower = Arrays.stream(sortedPower, 0, take).average().orElse(0);
        }
        double speechPower = meanOver(power, speech);
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
    private static int syllableNuclei(double[] band, boolean[] speech, boolean[] voiced) {
        int n = band.length;
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
    private static double spectralTilt(DcFree x, boolean[] mask) {
        double[] mean = meanSpectrum(x, mask);
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
    private static float[] speechRegions(DcFree x, boolean[] speech) {
        int pad = (int) (SPEECH_PAD_SECONDS * SAMPLE_RATE);
        int[] from = new int[count(speech)];
        int[] to = new int[from.length];
        int runs = 0;
        int length = 0;
        for (int t = 0; t < speech.length; t++) {
            if (speech[t]) {
                int a = Math.max(0, t * HOP - pad);
                int b = Math.min(x.length, t * HOP + FRAME + pad);
                if (runs > 0 && a <= to[runs - 1]) {
                    length += Math.max(0, b - to[runs - 1]);
                    to[runs - 1] = Math.max(to[runs - 1], b);
                } else {
                    from[runs] = a;
                    to[runs++] = b;
                    length += b - a;
                }
            }
        }
        float[] out = new float[length];
        double peak = 0;
        DcFree.Pass pass = x.pass();
        float[] s = pass.samples();
        int j = 0;
        for (int r = 0; r < runs; r++) {
            for (int i = from[r]; i < to[r]; ) {
                int chunk = Math.min(WINDOW_SAMPLES, to[r] - i);
                int at = pass.at(i, chunk);
                for (int c = 0; c < chunk; c++) {
                    float v = s[at + c];
                    out[j++] = v;
                    peak = Math.max(peak, Math.abs(v));
                }
                i += chunk;
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

    private static double meanPower(DcFree x) {
        double sum = 0;
        DcFree.Pass pass = x.pass();
        float[] s = pass.samples();
        for (int i = 0; i < x.length; i += WINDOW_SAMPLES) {
            int chunk = Math.min(WINDOW_SAMPLES, x.length - i);
            int at = pass.at(i, chunk);
            for (int c = 0; c < chunk; c++) {
                sum += (double) s[at + c] * s[at + c];
            }
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
