package io.voxify.inference.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.engine.EspeakEngine;
import org.junit.jupiter.api.Test;

/** espeak-ng's settings for a requested speed and pitch, and what post-processing is left to do. */
class EspeakCalibrationTest {

    private static Settings settings(double speed, double pitch, double range) {
        return new Settings(speed, pitch, range, 1, "wav", 22050, false, 1, 0, 1);
    }

    @Test
    void theVoicesOwnSpeedAndPitchAreEspeaksDefaults() {
        assertThat(EspeakCalibration.prosody(settings(1, 1, 1))).isEqualTo(new EspeakEngine.Prosody(175, 50, 50));
        assertThat(EspeakCalibration.speedRemainder(1)).isEqualTo(1.0);
        assertThat(EspeakCalibration.pitchRemainder(1)).isEqualTo(1.0);
    }

    @Test
    void aSpeedBetweenMeasuredPointsGetsTheInterpolatedRate() {
        // 0.7 lies 89 % of the way from the speed of rate 100 (0.579) to that of rate 125 (0.715).
        assertThat(EspeakCalibration.prosody(settings(0.7, 1, 1)).rate()).isEqualTo(122);
        assertThat(EspeakCalibration.prosody(settings(1.131, 1, 1)).rate()).isEqualTo(200);
        assertThat(EspeakCalibration.speedRemainder(0.7)).isEqualTo(1.0);
    }

    @Test
    void beyondEspeaksFastestRateTheRestIsLeftToTheTimeStretch() {
        assertThat(EspeakCalibration.prosody(settings(3.0, 1, 1)).rate()).isEqualTo(400);
        assertThat(EspeakCalibration.speedRemainder(3.0)).isCloseTo(3.0 / 2.319, within(1e-12));
        assertThat(EspeakCalibration.prosody(settings(0.4, 1, 1)).rate()).isEqualTo(80);
        assertThat(EspeakCalibration.speedRemainder(0.4)).isCloseTo(0.4 / 0.491, within(1e-12));
    }

    @Test
    void pitchOutsideEspeaksRangeIsLeftToThePitchShift() {
        assertThat(EspeakCalibration.prosody(settings(1, 2.0, 1)).pitch()).isEqualTo(100);
        assertThat(EspeakCalibration.pitchRemainder(2.0)).isCloseTo(2.0 / 1.675, within(1e-12));
        assertThat(EspeakCalibration.prosody(settings(1, 0.5, 1)).pitch()).isZero();
        assertThat(EspeakCalibration.pitchRemainder(0.5)).isCloseTo(0.5 / 0.655, within(1e-12));
    }

    @Test
    void theIntonationRangeScalesEspeaksSettingWithinItsBounds() {
        assertThat(EspeakCalibration.prosody(settings(1, 1, 1.35)).range()).isEqualTo(68);
        assertThat(EspeakCalibration.prosody(settings(1, 1, 3.0)).range()).isEqualTo(100);
    }
}
