package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.inference.Acoustics;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code SpeechSynthesizer.synthesize(request, profile, listener)}: each factor does what it says. */
class ProfileSynthesisTest {

    private static final String TEXT =
            "Thick fog rolled over the harbour as the old ship moved slowly toward the bridge.";
    private static final double SENTENCE_PAUSE = 0.25;
    private static SpeechSynthesizer synthesizer;

    @BeforeAll
    static void start() {
        synthesizer = new SpeechSynthesizer();
    }

    @AfterAll
    static void stop() {
        synthesizer.close();
    }

    @Test
    void pitchFactorMovesTheFundamental() {
        float[] plain = speak(VoiceProfile.neutral("flite:slt"));
        float[] lower = speak(new VoiceProfile("flite:slt", 0.7, 1, 1, 1, 0));

        assertThat(Acoustics.medianF0(lower, 16000))
                .isCloseTo(0.7 * Acoustics.medianF0(plain, 16000), Percentage.withPercentage(6));
    }

    @Test
    void speedFactorShortensTheSpeech() {
        float[] plain = speak(VoiceProfile.neutral("flite:rms"));
        float[] faster = speak(new VoiceProfile("flite:rms", 1, 1, 1.5, 1, 0));

        assertThat((double) faster.length).isCloseTo(plain.length / 1.5, Percentage.withPercentage(8));
    }

    @Test
    void formantScaleMovesTheSpectrumButKeepsPitchAndDuration() {
        float[] plain = speak(VoiceProfile.neutral("flite:slt"));
        float[] raised = speak(new VoiceProfile("flite:slt", 1, 1, 1, 1.2, 0));
        float[] lowered = speak(new VoiceProfile("flite:slt", 1, 1, 1, 0.85, 0));

        assertThat(Acoustics.medianF0(raised, 16000))
                .isCloseTo(Acoustics.medianF0(plain, 16000), Percentage.withPercentage(5));
        assertThat(Acoustics.medianF0(lowered, 16000))
                .isCloseTo(Acoustics.medianF0(plain, 16000), Percentage.withPercentage(5));
        assertThat((double) raised.length).isCloseTo(plain.length, Percentage.withPercentage(4));
        // The resampling moves the envelope by the full scale; the pitch shift and the time stretch that put
        // F0 and duration back smear part of it, so only a quarter to a half of the nominal shift shows in the
        // centroid, and Flite's output varies a little from run to run: the bounds leave room for both.
        assertThat(spectralCentroid(raised)).isGreaterThan(spectralCentroid(plain) * 1.01);
        assertThat(spectralCentroid(lowered)).isLessThan(spectralCentroid(plain) * 0.995);
        assertThat(spectralCentroid(raised)).isGreaterThan(spectralCentroid(lowered) * 1.04);
    }

    @Test
    void breathinessAddsHighFrequencyNoise() {
        float[] plain = speak(VoiceProfile.neutral("flite:rms"));
        float[] breathy = speak(new VoiceProfile("flite:rms", 1, 1, 1, 1, 0.8));

        assertThat((double) breathy.length).isCloseTo(plain.length, Percentage.withPercentage(2));
        assertThat(meanFrequency(breathy)).isGreaterThan(meanFrequency(plain) * 1.15);
    }

    @Test
    void espeakVoicesTakeTheProfileToo() {
        float[] plain = speak(VoiceProfile.neutral("espeak:en-us"));
        float[] higher = speak(new VoiceProfile("espeak:en-us", 1.3, 1, 1, 1, 0));

        assertThat(Acoustics.medianF0(higher, 16000))
                .isCloseTo(1.3 * Acoustics.medianF0(plain, 16000), Percentage.withPercentage(8));
    }

    @Test
    void theProfileBaseVoiceIsSpokenNotTheRequestedOne() {
        SynthesisRequest request =
                new SynthesisRequest(TEXT, "no-such-voice", 1, 1, 1, "neutral", "wav", 16000, false, "word");

        assertThat(synthesizer
                        .synthesize(request, VoiceProfile.neutral("flite:slt"), null)
                        .durationSeconds())
                .isPositive();
        assertThatThrownBy(() -> synthesizer.synthesize(request, VoiceProfile.neutral("flite:nobody"), null))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("flite:nobody");
    }

    private static float[] speak(VoiceProfile profile) {
        SynthesisRequest request =
                new SynthesisRequest(TEXT, "flite:slt", 1, 1, 1, "neutral", "wav", 16000, false, "word");
        return AudioDecoder.decode(
                        synthesizer.synthesize(request, profile, null).audio())
                .mono();
    }

    /**
     * The pause at the comma (the gap Flite leaves between "harbour" and "as") and the silence put between the
     * two sentences (the synthesizer's {@value #SENTENCE_PAUSE} s) both grow by the factor; the words keep their
     * length, and the timestamps follow.
     */
    @Test
    void pauseFactorLengthensThePausesAndTheTimestampsFollow() {
        String text = "Thick fog rolled over the harbour, as the old ship moved slowly. The bridge was near.";
        SynthesisResult plain = timed(text, VoiceProfile.neutral("flite:slt"));
        SynthesisResult paused = timed(text, VoiceProfile.neutral("flite:slt").withPauseFactor(2.0));

        assertThat(gapAfter(paused, "harbour"))
                .isCloseTo(2 * gapAfter(plain, "harbour"), Percentage.withPercentage(10));
        // Where a sentence starts is where its first sound crosses the audible threshold, and the noise that
        // excites Flite's fricatives moves that by up to some 50 ms from one run to the next.
        assertThat(gapAfter(paused, "slowly") - gapAfter(plain, "slowly"))
                .as("%s%n%s", plain.timestamps(), paused.timestamps())
                .isCloseTo(SENTENCE_PAUSE, org.assertj.core.data.Offset.offset(0.07));
        assertThat(gapAfter(plain, "harbour")).isGreaterThan(0.05);
        assertThat(gapAfter(plain, "fog")).isZero();
        assertThat(gapAfter(paused, "fog")).as("no pause, nothing to lengthen").isZero();
        assertThat(wordLength(paused, "harbour")).isCloseTo(wordLength(plain, "harbour"), Percentage.withPercentage(3));
        double added = gapAfter(plain, "harbour") + SENTENCE_PAUSE;
        assertThat(paused.durationSeconds()).isCloseTo(plain.durationSeconds() + added, Percentage.withPercentage(3));

        float[] audio = AudioDecoder.decode(paused.audio()).mono();
        Timestamp next = word(paused, "as");
        assertThat(rmsBetween(audio, word(paused, "harbour").end() + 0.02, next.start() - 0.02))
                .as("the lengthened pause is silent")
                .isLessThan(0.003);
        assertThat(rmsBetween(audio, next.start(), next.end()))
                .as("the next word is where its timestamp says")
                .isGreaterThan(0.01);
    }

    private static SynthesisResult timed(String text, VoiceProfile profile) {
        return synthesizer.synthesize(
                new SynthesisRequest(text, profile.baseVoiceId(), 1, 1, 1, "neutral", "wav", 16000, true, "word"),
                profile,
                null);
    }

    private static Timestamp word(SynthesisResult r, String text) {
        return r.timestamps().stream()
                .filter(t -> t.text().equals(text))
                .findFirst()
                .orElseThrow();
    }

    private static double gapAfter(SynthesisResult r, String text) {
        List<Timestamp> words = r.timestamps();
        int i = words.indexOf(word(r, text));
        return Math.round((words.get(i + 1).start() - words.get(i).end()) * 1000) / 1000.0;
    }

    private static double rmsBetween(float[] x, double from, double to) {
        return Acoustics.rms(Arrays.copyOfRange(x, (int) (from * 16000), (int) (to * 16000)));
    }

    private static double wordLength(SynthesisResult r, String text) {
        Timestamp t = word(r, text);
        return t.end() - t.start();
    }

    /**
     * Centroid of the long-term magnitude spectrum from 100 Hz to 5 kHz, by a plain DFT of Hann-windowed 32 ms
     * frames: where the formants sit on average.
     */
    private static double spectralCentroid(float[] x) {
        int n = 512;
        int lo = 100 * n / 16000;
        int hi = 5000 * n / 16000;
        double[] ltas = new double[hi + 1];
        for (int start = 0; start + n <= x.length; start += n) {
            for (int k = lo; k <= hi; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    double w = (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n)) * x[start + i];
                    re += w * Math.cos(2 * Math.PI * k * i / n);
                    im -= w * Math.sin(2 * Math.PI * k * i / n);
                }
                ltas[k] += Math.hypot(re, im);
            }
        }
        double weighted = 0;
        double total = 0;
        for (int k = lo; k <= hi; k++) {
            weighted += ltas[k] * k * 16000.0 / n;
            total += ltas[k];
        }
        return weighted / total;
    }

    /** sqrt(E[x'²] / E[x²]) · rate / 2π: the RMS frequency of the spectrum. */
    private static double meanFrequency(float[] x) {
        double e = 0;
        double d = 0;
        for (int i = 1; i < x.length; i++) {
            e += x[i] * x[i];
            double diff = x[i] - x[i - 1];
            d += diff * diff;
        }
        return Math.sqrt(d / e) * 16000 / (2 * Math.PI);
    }
}
