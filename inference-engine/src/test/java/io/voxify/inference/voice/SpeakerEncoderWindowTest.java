package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.voxify.inference.OnnxRuntime;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Speech longer than {@link SpeakerEncoder#WINDOW_SECONDS} is embedded window by window, so that the model never
 * holds the spectrogram of a whole 10-minute sample; up to that length it is one run of the model, as before.
 */
class SpeakerEncoderWindowTest {

    private static final int RATE = SpeakerEncoder.SAMPLE_RATE;
    private static SpeakerEncoder encoder;
    /** The bundled model run directly, over the whole input at once: what embed did before it had windows. */
    private static OrtSession oneRun;

    @BeforeAll
    static void load() throws Exception {
        encoder = SpeakerEncoder.createDefault();
        oneRun = OnnxRuntime.environment()
                .createSession(SpeakerEncoderTest.bundledModel(), new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        encoder.close();
        oneRun.close();
    }

    @Test
    void speechUpToTheWindowIsOneRunOfTheModel() throws OrtException {
        float[] x = reader(SpeakerEncoder.WINDOW_SECONDS * RATE);

        assertThat(encoder.embed(x)).containsExactly(unit(runWhole(x)));
    }

    @Test
    void longerSpeechIsTheMeanOfItsWindowsAndAlmostOneRun() throws OrtException {
        // 125 s: five windows of 25 s.
        float[] x = reader(125 * RATE);
        double[] sum = new double[encoder.dimension()];
        for (int w = 0; w < 5; w++) {
            float[] e = unit(runWhole(Arrays.copyOfRange(x, w * 25 * RATE, (w + 1) * 25 * RATE)));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += e[i];
            }
        }
        float[] meanOfWindows = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            meanOfWindows[i] = (float) sum[i];
        }

        float[] embedded = encoder.embed(x);
        double toOneRun = SpeakerEncoder.similarity(embedded, runWhole(x));
        System.out.printf("125 s of the reader: windows against one run %.6f%n", toOneRun);
        assertThat(embedded).containsExactly(unit(meanOfWindows));
        assertThat(toOneRun).isGreaterThan(0.999);
        // Still the reader: his own short clip is far closer than the reader shifted up is.
        float[] clip = encoder.embed(HumanSpeech.clip(HumanSpeech.CLIP_B));
        assertThat(SpeakerEncoder.similarity(embedded, clip))
                .isGreaterThan(
                        SpeakerEncoder.similarity(encoder.embed(HumanSpeech.shifted(HumanSpeech.CLIP_B)), clip) + 0.1);
    }

    @Test
    void windowsWithoutSignalAreLeftOut() throws OrtException {
        // 40 s of speech, then 40 s of digital silence: windows of 26.7 s, the last one silent.
        float[] speech = reader(40 * RATE);
        float[] x = Arrays.copyOf(speech, 80 * RATE);
        float[] first = unit(runWhole(Arrays.copyOfRange(x, 0, x.length / 3)));
        float[] second = unit(runWhole(Arrays.copyOfRange(x, x.length / 3, 2 * x.length / 3)));
        float[] both = new float[first.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = (float) ((double) first[i] + second[i]);
        }

        assertThat(encoder.embed(x)).containsExactly(unit(both));
    }

    /** The reader's three long clips in turn, as long as asked. */
    private static float[] reader(int samples) {
        float[][] clips = {
            HumanSpeech.clip(HumanSpeech.CLIP_A),
            HumanSpeech.clip(HumanSpeech.CLIP_B),
            HumanSpeech.clip(HumanSpeech.CLIP_C)
        };
        float[] x = new float[samples];
        for (int at = 0, c = 0; at < samples; c = (c + 1) % clips.length) {
            int n = Math.min(clips[c].length, samples - at);
            System.arraycopy(clips[c], 0, x, at, n);
            at += n;
        }
        return x;
    }

    private static float[] runWhole(float[] x) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(
                        OnnxRuntime.environment(), FloatBuffer.wrap(x), new long[] {1, x.length});
                OrtSession.Result result = oneRun.run(Map.of(SpeakerEncoder.INPUT_NAME, input))) {
            return ((float[][]) result.get(0).getValue())[0];
        }
    }

    /** As SpeakerEncoder normalises: in double, then each component rounded to float. */
    private static float[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
