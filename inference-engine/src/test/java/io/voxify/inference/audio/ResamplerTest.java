package io.voxify.inference.audio;

import static io.voxify.inference.Acoustics.db;
import static io.voxify.inference.Acoustics.sine;
import static io.voxify.inference.Acoustics.toneAmplitude;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    /** The middle of a signal, away from the filter's start-up and run-out. */
    private static float[] middle(float[] x) {
        return Arrays.copyOfRange(x, x.length / 10, x.length - x.length / 10);
    }

    @ParameterizedTest
    @CsvSource({"44100,16000", "16000,44100", "22050,48000", "48000,8000", "16000,22050", "24000,22050", "8000,48000"})
    void keepsA1kHzToneAtFullAmplitudeAndLength(int from, int to) {
        float[] out = Resampler.resample(sine(1000, from, 1.0, 0.5), from, to);
        assertThat(out.length).isCloseTo(to, within(1));
        assertThat(db(toneAmplitude(middle(out), to, 1000) / 0.5)).isCloseTo(0.0, within(0.1));
    }

    @Test
    void suppressesToneAboveTheNewNyquistByMoreThan40dB() {
        float[] out = Resampler.resample(sine(10_000, 44100, 1.0, 0.5), 44100, 16000);
        // 10 kHz would fold to 6 kHz at 16 kHz: measure both the fold and the overall level.
        assertThat(db(toneAmplitude(middle(out), 16000, 6000) / 0.5)).isLessThan(-40);
        assertThat(db(io.voxify.inference.Acoustics.rms(middle(out)) / (0.5 / Math.sqrt(2))))
                .isLessThan(-40);
    }

    @Test
    void suppressesToneJustAboveTheNewNyquist() {
        float[] out = Resampler.resample(sine(8_800, 48000, 1.0, 0.5), 48000, 16000);
        assertThat(db(io.voxify.inference.Acoustics.rms(middle(out)) / (0.5 / Math.sqrt(2))))
                .isLessThan(-40);
    }

    @ParameterizedTest
    @CsvSource({"44100,16000", "48000,8000", "16000,48000", "22050,24000"})
    void passbandIsFlatTo90PercentOfNyquist(int from, int to) {
        double hz = 0.9 * Math.min(from, to) / 2;
        float[] out = Resampler.resample(sine(hz, from, 1.0, 0.5), from, to);
        assertThat(db(toneAmplitude(middle(out), to, hz) / 0.5)).isCloseTo(0.0, within(1.0));
    }

    @Test
    void upsamplingLeavesNoImages() {
        float[] out = Resampler.resample(sine(1000, 16000, 1.0, 0.5), 16000, 48000);
        // Zero-stuffing would mirror 1 kHz around 16 kHz to 15 kHz and 17 kHz.
        assertThat(db(toneAmplitude(middle(out), 48000, 15_000) / 0.5)).isLessThan(-60);
        assertThat(db(toneAmplitude(middle(out), 48000, 17_000) / 0.5)).isLessThan(-60);
    }

    @Test
    void preservesTimingOfAnImpulse() {
        float[] x = new float[16000];
        x[8000] = 1;
        float[] out = Resampler.resample(x, 16000, 48000);
        int peak = 0;
        for (int i = 1; i < out.length; i++) {
            if (out[i] > out[peak]) {
                peak = i;
            }
        }
        assertThat(peak).isCloseTo(24000, within(1));
    }

    @ParameterizedTest
    @CsvSource({"44100,16000", "11025,16000", "48000,16000", "176400,16000", "16000,16000", "8000,48000"})
    void aStreamInPiecesGivesExactlyTheWholeSignalsResult(int from, int to) {
        float[] x = sine(440, from, 0.73, 0.5);
        for (int i = 0; i < x.length; i += 97) {
            x[i] = 0.99f;
        }
        float[] whole = Resampler.resample(x, from, to);
        float[] streamed = new float[whole.length + 16];
        int[] length = {0};
        Resampler.Stream stream = Resampler.stream(from, to, (samples, count) -> {
            System.arraycopy(samples, 0, streamed, length[0], count);
            length[0] += count;
        });
        Random pieces = new Random(7);
        for (int at = 0; at < x.length; ) {
            int n = Math.min(x.length - at, 1 + pieces.nextInt(5000));
            stream.push(Arrays.copyOfRange(x, at, at + n), n);
            at += n;
        }
        stream.finish();
        assertThat(Arrays.copyOf(streamed, length[0])).containsExactly(whole);
    }

    /** Rates come from uploads: however many distinct pairs are asked for, the filters kept stay bounded. */
    @Test
    void filtersOfManyDistinctRatePairsAreNotAllKept() {
        Resampler first = Resampler.of(1000, 2000);
        assertThat(Resampler.of(1000, 2000)).as("a pair in use is reused").isSameAs(first);
        for (int rate = 1001; rate < 2001; rate++) {
            Resampler.of(rate, 2 * rate);
            assertThat(Resampler.cachedFilters()).isLessThanOrEqualTo(256);
        }
    }
}
