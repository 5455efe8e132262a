package io.voxify.inference.analysis;

import static io.voxify.inference.analysis.Recordings.LONG_CLIPS;
import static io.voxify.inference.analysis.Recordings.RATE;
import static io.voxify.inference.analysis.Recordings.SHORT_CLIPS;
import static io.voxify.inference.analysis.Recordings.clip;
import static io.voxify.inference.analysis.Recordings.hardClipped;
import static io.voxify.inference.analysis.Recordings.mixed;
import static io.voxify.inference.analysis.Recordings.pink;
import static io.voxify.inference.analysis.Recordings.scaled;
import static io.voxify.inference.analysis.Recordings.voicedTone;
import static io.voxify.inference.analysis.Recordings.white;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.DecodedAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyser that measures frame by frame, keeping no spectrogram, gives exactly what the one that held every
 * frame's spectrum gave ({@link ReferenceSampleAnalyzer}): the same metrics to the last bit, the same issues,
 * score and speech. It computes the same floating-point operations in the same order, only never all at once.
 */
class SampleAnalyzerReferenceTest {

    private static final SampleAnalyzer BOUNDED = new SampleAnalyzer();
    private static final ReferenceSampleAnalyzer REFERENCE = new ReferenceSampleAnalyzer();

    static Stream<Named<DecodedAudio>> recordings() {
        List<Named<DecodedAudio>> cases = new ArrayList<>();
        List<String> clips = new ArrayList<>(LONG_CLIPS);
        clips.addAll(SHORT_CLIPS);
        for (String name : clips) {
            // As read: with the recordings' DC offset, which the analyser removes.
            cases.add(mono(name, clip(name)));
        }
        float[] x = clip(LONG_CLIPS.get(0));
        cases.add(mono("white noise at 10 dB", mixed(x, white(x.length, 1), 10)));
        cases.add(mono("pink noise at 30 dB", mixed(x, pink(x.length, 2), 30)));
        cases.add(mono("at -50 dBFS", scaled(x, 0.003)));
        cases.add(mono("overdriven", hardClipped(x, 40)));
        cases.add(mono("a two-second excerpt", Arrays.copyOf(x, 2 * RATE)));
        cases.add(mono("ninety seconds of the long recording", Arrays.copyOf(TenMinutes.speech(3), 90 * RATE)));
        cases.add(mono("speech without pauses", Arrays.copyOfRange(clip(LONG_CLIPS.get(1)), 8000, 40000)));
        cases.add(
                mono("a tone without pauses", Arrays.copyOfRange(voicedTone(180, 0.02, 4, RATE), RATE / 2, RATE * 4)));
        cases.add(mono("digital silence", new float[5 * RATE]));
        cases.add(mono("hiss", scaled(white(5 * RATE, 3), 0.003)));
        cases.add(mono("loud white noise", scaled(white(4 * RATE, 5), 0.1)));
        cases.add(mono("nothing", new float[0]));
        cases.add(mono("one sample", new float[] {0.5f}));
        for (int n : new int[] {399, 400, 401, 559, 560, 561}) {
            cases.add(mono(n + " samples of noise", scaled(white(n, n), 0.2)));
        }
        float[] tone = voicedTone(150, 0.03, 3, 48000);
        cases.add(Named.of(
                "a stereo tone at 48 kHz", new DecodedAudio(new float[][] {tone, scaled(tone, 0.5)}, 48000, "wav")));
        cases.add(Named.of(
                "a tone at 44.1 kHz", new DecodedAudio(new float[][] {voicedTone(100, 0, 3, 44100)}, 44100, "wav")));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void measuresExactlyWhatTheWholeSpectrogramMeasured(DecodedAudio audio) {
        SampleAnalysis bounded = BOUNDED.analyze(audio);
        SampleAnalysis reference = REFERENCE.analyze(audio);

        assertThat(bounded.metrics()).isEqualTo(reference.metrics());
        assertThat(bounded.issues()).isEqualTo(reference.issues());
        assertThat(bounded.qualityScore()).isEqualTo(reference.qualityScore());
        assertThat(bounded.speech16k()).isEqualTo(reference.speech16k());
    }

    private static Named<DecodedAudio> mono(String name, float[] x) {
        return Named.of(name, new DecodedAudio(new float[][] {x}, RATE, "wav"));
    }
}
