package io.voxify.inference.synthesis;

import io.voxify.inference.audio.Dynamics;
import io.voxify.inference.audio.Pauses;
import io.voxify.inference.audio.PitchShifter;
import io.voxify.inference.audio.Resampler;
import io.voxify.inference.audio.Silence;
import io.voxify.inference.audio.TimeStretcher;
import io.voxify.inference.engine.EngineAudio;
import io.voxify.inference.engine.WordTiming;
import io.voxify.inference.voice.ProfileEffects;
import java.util.Arrays;
import java.util.List;

/**
 * What the engines cannot do themselves, applied to one sentence of their audio: edge silence trimmed, pauses
 * scaled, formants moved, pitch and range shifted, time stretched, breath added, resampled to the output rate;
 * then, once the sentence is placed, its volume and the limiter.
 */
final class PostProcessing {

    /** Silence kept at each edge of a sentence when trimming what the engine produced. */
    static final double EDGE_SECONDS = 0.03;

    private PostProcessing() {}

    record Processed(float[] samples, List<WordTiming> words) {}

    /** The sentence at {@code outRate}, with the engine's word times moved along with the audio. */
    static Processed process(EngineAudio raw, Voice voice, Settings s, int outRate) {
        int rate = raw.sampleRate();
        float[] x = raw.samples();
        int[] bounds = Silence.speechBounds(x, rate);
        if (bounds[1] <= bounds[0]) {
            return new Processed(new float[0], List.of());
        }
        int edge = (int) Math.round(EDGE_SECONDS * rate);
        int from = Math.max(0, bounds[0] - edge);
        int to = Math.min(x.length, bounds[1] + edge);
        x = Arrays.copyOfRange(x, from, to);
        double shift = (double) from / rate;
        Pauses.Scaled paused = Pauses.scale(
                x, rate, WordAlignment.gapsBetweenWords(raw.words(), from, x.length, rate), s.pauseFactor());
        x = paused.samples();
        double pitchRatio;
        double rangeFactor;
        double stretch;
        if (voice.shiftedAfterwards()) {
            pitchRatio = s.pitch();
            rangeFactor = s.range();
            stretch = 1.0;
        } else {
            pitchRatio = EspeakCalibration.pitchRemainder(s.pitch());
            rangeFactor = 1.0;
            stretch = EspeakCalibration.speedRemainder(s.speed());
        }
        double formant = ProfileEffects.quantizeFormantScale(s.formantScale());
        if (Math.abs(formant - 1) > 1e-6) {
            // Everything moves by the formant scale here; the pitch shift and time stretch below undo it for
            // F0 and duration, so only the spectral envelope stays moved.
            x = ProfileEffects.scaleSpectrum(x, formant);
        }
        double psolaRatio = pitchRatio / formant;
        if (Math.abs(psolaRatio - 1) > 1e-6 || Math.abs(rangeFactor - 1) > 1e-6) {
            x = PitchShifter.shift(x, rate, psolaRatio, rangeFactor);
        }
        double stretchRatio = stretch / formant;
        if (Math.abs(stretchRatio - 1) > 1e-6) {
            x = TimeStretcher.stretch(x, rate, stretchRatio);
        }
        if (s.breathiness() > 0) {
            x = ProfileEffects.addBreath(x, rate, s.breathiness());
        }
        double duration = (double) x.length / rate;
        float[] out = Resampler.resample(x, rate, outRate);
        return new Processed(out, WordAlignment.throughProcessing(raw.words(), shift, paused, stretch, duration));
    }

    /**
     * The sentence's own volume (SSML can change it mid-text), then the limiter, in place. The limiter works
     * sample by sample, so limiting sentence by sentence is limiting the whole.
     */
    static void applyVolume(float[] samples, double volume) {
        float gain = (float) volume;
        for (int k = 0; k < samples.length; k++) {
            samples[k] *= gain;
        }
        Dynamics.applyGain(samples, 1.0);
    }
}
