package io.voxify.inference.analysis;

import static io.voxify.inference.analysis.Recordings.LONG_CLIPS;
import static io.voxify.inference.analysis.Recordings.RATE;
import static io.voxify.inference.analysis.Recordings.clip;
import static io.voxify.inference.analysis.Recordings.hardClipped;
import static io.voxify.inference.analysis.Recordings.mixed;
import static io.voxify.inference.analysis.Recordings.mono;
import static io.voxify.inference.analysis.Recordings.pink;
import static io.voxify.inference.analysis.Recordings.power;
import static io.voxify.inference.analysis.Recordings.scaled;
import static io.voxify.inference.analysis.Recordings.syllables;
import static io.voxify.inference.analysis.Recordings.transcript;
import static io.voxify.inference.analysis.Recordings.voicedTone;
import static io.voxify.inference.analysis.Recordings.white;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.Acoustics;
import io.voxify.inference.DecodedAudio;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SampleAnalyzerTest {

    private static final SampleAnalyzer ANALYZER = new SampleAnalyzer();
    private static final ConcurrentHashMap<String, float[]> CLIPS = new ConcurrentHashMap<>();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    /** Mean removed: the recordings carry a −43 dBFS DC offset that is not part of the voice. */
    private static float[] speech(String name) {
        return CLIPS.computeIfAbsent(name, n -> {
                    float[] x = clip(n);
                    double mean = 0;
                    for (float v : x) {
                        mean += v;
                    }
                    mean /= x.length;
                    for (int i = 0; i < x.length; i++) {
                        x[i] -= (float) mean;
                    }
                    return x;
                })
                .clone();
    }

    static List<String> longClips() {
        return LONG_CLIPS;
    }

    private static SampleAnalysis analyze(float[] x) {
        return ANALYZER.analyze(mono(x, RATE));
    }

    private static List<String> codes(SampleAnalysis a) {
        return a.issues().stream().map(ValidationIssue::code).toList();
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"100, 44100", "150, 22050", "220, 16000"})
    void findsTheF0OfASteadyVoicedTone(double f0, int rate) {
        SampleMetrics m =
                ANALYZER.analyze(mono(voicedTone(f0, 0, 3, rate), rate)).metrics();

        assertThat(m.f0MedianHz()).isCloseTo(f0, within(0.02 * f0));
        assertThat(m.f0P10Hz()).isCloseTo(f0, within(0.02 * f0));
        assertThat(m.f0P90Hz()).isCloseTo(f0, within(0.02 * f0));
        assertThat(m.voicedRatio()).isGreaterThan(0.9);
        assertThat(m.speechDuration()).isCloseTo(3.0, within(0.15));
    }

    @ParameterizedTest
    @CsvSource({"100, 44100", "150, 48000", "220, 16000"})
    void spreadsP10AndP90AcrossAVibrato(double f0, int rate) {
        double depth = 0.04;
        SampleMetrics m =
                ANALYZER.analyze(mono(voicedTone(f0, depth, 3, rate), rate)).metrics();

        assertThat(m.f0MedianHz()).isCloseTo(f0, within(0.02 * f0));
        // A sinusoid spends 10 % of its time below −0.95 of its swing: p10 and p90 sit near ±0.95·depth.
        assertThat(m.f0P10Hz()).isBetween(f0 * (1 - depth), f0 * (1 - 0.6 * depth));
        assertThat(m.f0P90Hz()).isBetween(f0 * (1 + 0.6 * depth), f0 * (1 + depth));
    }

    @ParameterizedTest
    @MethodSource("longClips")
    void acceptsAndMeasuresCleanHumanSpeech(String name) {
        float[] x = speech(name);
        SampleAnalysis a = analyze(x);
        SampleMetrics m = a.metrics();
        double seconds = (double) x.length / RATE;

        assertThat(a.issues()).isEmpty();
        assertThat(a.accepted()).isTrue();
        assertThat(m.duration()).isCloseTo(seconds, within(1e-9));
        assertThat(m.speechDuration()).isBetween(0.6 * seconds, seconds);
        assertThat(m.silenceRatio()).isCloseTo(1 - m.speechDuration() / seconds, within(1e-9));
        assertThat(m.f0MedianHz()).isBetween(85.0, 180.0);
        assertThat(m.f0MedianHz()).isCloseTo(Acoustics.medianF0(x, RATE), within(0.1 * m.f0MedianHz()));
        assertThat(m.f0P10Hz()).isLessThan(m.f0MedianHz());
        assertThat(m.f0P90Hz()).isGreaterThan(m.f0MedianHz());
        assertThat(m.voicedRatio()).isBetween(0.3, 0.95);
        assertThat(m.snrDb()).isGreaterThan(25);
        assertThat(m.clippingRatio()).isZero();
        assertThat(m.rmsDbfs()).isBetween(10 * Math.log10(power(x)) - 0.5, 10 * Math.log10(power(x)) + 3);
        assertThat(m.peakDbfs()).isCloseTo(20 * Math.log10(peak(x)), within(0.01));
        assertThat(m.spectralTilt()).isLessThan(-3);
    }

    @ParameterizedTest
    @MethodSource("longClips")
    void countsSyllablesLikeTheTranscript(String name) {
        SampleMetrics m = analyze(speech(name)).metrics();
        double expected = syllables(transcript(name)) / m.speechDuration();

        assertThat(m.speakingRate()).isCloseTo(expected, within(0.3 * expected));
    }

    @Test
    void keepsTheSpeakingRateInNoise() {
        String name = LONG_CLIPS.get(0);
        float[] x = speech(name);
        SampleMetrics m = analyze(mixed(x, pink(x.length, 7), 10)).metrics();
        double expected = syllables(transcript(name)) / m.speechDuration();

        assertThat(m.speakingRate()).isCloseTo(expected, within(0.3 * expected));
    }

    @ParameterizedTest
    @CsvSource({"white, 30", "white, 10", "pink, 30", "pink, 10"})
    void measuresTheSnrOfSpeechInAddedNoise(String colour, double snrDb) throws Exception {
        IntFunction<float[]> noise = n -> colour.equals("white") ? white(n, 11) : pink(n, 12);
        List<Future<double[]>> results = LONG_CLIPS.stream()
                .map(name -> POOL.submit(() -> {
                    float[] x = speech(name);
                    float[] added = noise.apply(x.length);
                    double gain = Math.sqrt(power(x) / (power(added) * Math.pow(10, snrDb / 10)));
                    // The recording's own hiss is noise too; at 30 dB it is no longer negligible.
                    double truth = 10 * Math.log10(power(x) / (gain * gain * power(added) + ownNoisePower(x)));
                    SampleAnalysis a = analyze(mixed(x, added, snrDb));
                    return new double[] {
                        truth, a.metrics().snrDb(), codes(a).contains(ValidationIssue.TOO_NOISY) ? 1 : 0
                    };
                }))
                .toList();
        for (Future<double[]> f : results) {
            double[] r = f.get();
            assertThat(r[1]).as("measured SNR against truth %.1f dB", r[0]).isCloseTo(r[0], within(4.0));
            assertThat(r[2] == 1).as("TOO_NOISY at %.0f dB", snrDb).isEqualTo(snrDb < SampleAnalyzer.MIN_SNR_DB);
        }
    }

    @ParameterizedTest
    @MethodSource("longClips")
    void flagsOverdrivenSpeechAsClipped(String name) {
        float[] x = speech(name);
        float[] fullScale = scaled(x, 1 / peak(x));
        SampleAnalysis overdriven = analyze(hardClipped(fullScale, 4));
        SampleAnalysis raw4 = analyze(hardClipped(x, 4));

        assertThat(overdriven.metrics().clippingRatio()).isGreaterThan(SampleAnalyzer.MAX_CLIPPING_RATIO);
        assertThat(codes(overdriven)).contains(ValidationIssue.CLIPPED);
        assertThat(overdriven.metrics().peakDbfs()).isCloseTo(0.0, within(1e-6));
        // Runs of one do not count, so the measure sits a little under the share of samples pushed past 1.
        double pushedPast = share(x, v -> Math.abs(4 * v) >= 1);
        assertThat(raw4.metrics().clippingRatio()).isBetween(0.8 * pushedPast, pushedPast);
        assertThat(analyze(fullScale).metrics().clippingRatio()).isLessThan(1e-4);
    }

    @Test
    void countsClippingOnTheOriginalSamplesOfEveryChannel() {
        float[] left = new float[44100];
        float[] right = new float[44100];
        Arrays.fill(left, 1000, 1300, 1f);
        left[5000] = -1f;
        Arrays.fill(right, 2000, 2100, -0.9995f);
        DecodedAudio stereo = new DecodedAudio(new float[][] {left, right}, 44100, "wav");

        assertThat(ANALYZER.analyze(stereo).metrics().clippingRatio()).isCloseTo(400.0 / 88200, within(1e-12));
    }

    @Test
    void findsNoSpeechInSilenceOrLowNoise() {
        SampleAnalysis silence = analyze(new float[5 * RATE]);
        SampleAnalysis hiss = analyze(scaled(white(5 * RATE, 3), 0.003));
        SampleAnalysis nothing = analyze(new float[0]);

        for (SampleAnalysis a : List.of(silence, hiss, nothing)) {
            assertThat(codes(a)).containsExactly(ValidationIssue.NO_SPEECH);
            assertThat(a.qualityScore()).isZero();
            assertThat(a.speech16k()).isEmpty();
            assertThat(a.metrics().f0MedianHz()).isNull();
        }
        assertThat(silence.metrics().peakDbfs()).isEqualTo(-120.0);
        assertThat(silence.metrics().rmsDbfs()).isEqualTo(-120.0);
        assertThat(hiss.metrics().rmsDbfs()).isCloseTo(20 * Math.log10(0.003), within(0.5));
        assertThat(silence.issues().get(0).reason()).contains("0.00 s").contains("0.3 s");
    }

    @Test
    void flagsQuietSpeechAsTooQuiet() {
        float[] x = speech(LONG_CLIPS.get(0));
        double gain = Math.pow(10, (-50 - 10 * Math.log10(power(x))) / 20);
        SampleAnalysis a = analyze(scaled(x, gain));

        assertThat(codes(a)).containsExactly(ValidationIssue.TOO_QUIET);
        assertThat(a.metrics().rmsDbfs()).isBetween(-50.5, -47.0);
        assertThat(a.issues().get(0).reason()).contains("-40 dBFS");
    }

    @Test
    void flagsATwoSecondExcerptAsTooShort() {
        float[] x = Arrays.copyOf(speech(LONG_CLIPS.get(0)), 2 * RATE);
        SampleAnalysis a = analyze(x);

        assertThat(codes(a)).containsExactly(ValidationIssue.TOO_SHORT);
        assertThat(a.metrics().speechDuration()).isBetween(1.2, 2.0);
        assertThat(a.issues().get(0).reason()).contains("3.0 s");
    }

    @Test
    void measuresSpectralTilt() {
        SampleMetrics whiteNoise = analyze(scaled(white(4 * RATE, 5), 0.1)).metrics();
        SampleMetrics pinkNoise = analyze(scaled(pink(4 * RATE, 6), 0.05)).metrics();
        SampleMetrics voice = analyze(speech(LONG_CLIPS.get(1))).metrics();

        assertThat(whiteNoise.spectralTilt()).isBetween(-2.0, 2.0);
        assertThat(pinkNoise.spectralTilt()).isCloseTo(-3.0, within(1.0));
        assertThat(voice.spectralTilt()).isLessThan(-3.0);
    }

    @Test
    void ranksCleanAboveNoisyAboveClipped() throws Exception {
        float[] x = speech(LONG_CLIPS.get(2));
        List<float[]> versions = List.of(
                x,
                mixed(x, white(x.length, 21), 30),
                mixed(x, white(x.length, 22), 10),
                hardClipped(scaled(x, 1 / peak(x)), 4));
        List<Future<Double>> scores = versions.stream()
                .map(v -> POOL.submit(() -> analyze(v).qualityScore()))
                .toList();
        double[] s = new double[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i).get();
            assertThat(s[i]).isBetween(0.0, 1.0);
        }

        assertThat(s[0]).isGreaterThan(s[1]);
        assertThat(s[1]).isGreaterThan(s[2]);
        assertThat(s[2]).isGreaterThan(s[3]);
    }

    @Test
    void cutsTheSpeechTo16kHzAtMinusOneDbfs() {
        float[] tone = voicedTone(150, 0, 3, 48000);
        SampleAnalysis a = ANALYZER.analyze(new DecodedAudio(new float[][] {tone, scaled(tone, 0.5)}, 48000, "wav"));
        float[] out = a.speech16k();

        assertThat(20 * Math.log10(peak(out))).isCloseTo(-1.0, within(0.01));
        // 3 s of tone plus up to 0.1 s of padding either side and a frame's overhang, not the 1 s of silence.
        assertThat(out.length / (double) RATE).isBetween(3.0, 3.3);
        assertThat(Acoustics.medianF0(out, RATE)).isCloseTo(150.0, within(3.0));
    }

    @Test
    void givesTheSameAnswerOnEveryThreadAndRun() throws Exception {
        float[] x = mixed(speech(LONG_CLIPS.get(0)), pink(7 * RATE + 1600, 9), 20);
        List<Future<SampleAnalysis>> runs = List.of(POOL.submit(() -> analyze(x)), POOL.submit(() -> analyze(x)));
        SampleAnalysis first = runs.get(0).get();
        SampleAnalysis second = runs.get(1).get();

        assertThat(second.metrics()).isEqualTo(first.metrics());
        assertThat(second.qualityScore()).isEqualTo(first.qualityScore());
        assertThat(second.speech16k()).isEqualTo(first.speech16k());
    }

    private static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private interface FloatTest {
        boolean test(float v);
    }

    private static double share(float[] x, FloatTest test) {
        int n = 0;
        for (float v : x) {
            n += test.test(v) ? 1 : 0;
        }
        return (double) n / x.length;
    }

    /**
     * The recording's own noise floor, measured the simple way: the mean power of the quietest tenth of its
     * 10 ms frames, each with its own mean taken out so that slow drift does not count as noise.
     */
    private static double ownNoisePower(float[] x) {
        int frames = x.length / 160;
        double[] p = new double[frames];
        for (int f = 0; f < frames; f++) {
            double mean = 0;
            for (int i = 0; i < 160; i++) {
                mean += x[f * 160 + i];
            }
            mean /= 160;
            double sum = 0;
            for (int i = 0; i < 160; i++) {
                double v = x[f * 160 + i] - mean;
                sum += v * v;
            }
            p[f] = sum / 160;
        }
        Arrays.sort(p);
        return Arrays.stream(p, 0, Math.max(1, frames / 10)).average().orElse(0);
    }
}
