package io.voxify.inference.audio;

import static io.voxify.inference.Acoustics.medianF0;
import static io.voxify.inference.Acoustics.rms;
import static io.voxify.inference.Acoustics.voiced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PitchShifterTest {

    @ParameterizedTest
    @CsvSource({"120,1.5", "200,0.7", "150,2.0", "100,1.25"})
    void movesTheFundamentalAndKeepsDuration(double f0, double ratio) {
        float[] x = voiced(f0, 16000, 1.0);
        float[] y = PitchShifter.shift(x, 16000, ratio, 1.0);
        assertThat(y.length).isEqualTo(x.length);
        assertThat(medianF0(y, 16000) / medianF0(x, 16000)).isCloseTo(ratio, within(ratio * 0.05));
        assertThat(rms(y) / rms(x)).isBetween(0.6, 1.6);
    }

    @ParameterizedTest
    @CsvSource({"130", "180"})
    void unchangedRatioLeavesTheSignalAlone(double f0) {
        float[] x = voiced(f0, 22050, 0.5);
        assertThat(PitchShifter.shift(x, 22050, 1.0, 1.0)).containsExactly(x);
    }

    @ParameterizedTest
    @CsvSource({"1.5", "0.7"})
    void timeStretchChangesDurationNotPitch(double speed) {
        float[] x = voiced(140, 16000, 1.0);
        float[] y = TimeStretcher.stretch(x, 16000, speed);
        assertThat((double) y.length).isCloseTo(x.length / speed, within(2.0));
        assertThat(medianF0(y, 16000)).isCloseTo(medianF0(x, 16000), within(140 * 0.03));
    }
}
