package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerEncoderTest {

    private static SpeakerEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = SpeakerEncoder.createDefault();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void defaultEncoderMakesUnitLengthSixtyFourDimensionalEmbeddings() {
        float[] e = encoder.embed(HumanSpeech.clip(HumanSpeech.CLIP_A));

        assertThat(encoder.dimension()).isEqualTo(64);
        assertThat(encoder.modelId()).isEqualTo("voxify-spectral-v1");
        assertThat(e).hasSize(64);
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void sameAudioGivesTheSameEmbeddingAndLevelDoesNotMatter() {
        float[] x = HumanSpeech.clip(HumanSpeech.CLIP_A);
        float[] quieter = x.clone();
        for (int i = 0; i < quieter.length; i++) {
            quieter[i] *= 0.25f;
        }

        assertThat(encoder.embed(x)).containsExactly(encoder.embed(x));
        assertThat(SpeakerEncoder.similarity(encoder.embed(x), encoder.embed(quieter)))
                .isGreaterThan(0.999);
    }

    @Test
    void twoClipsOfTheReaderAreCloserThanTheReaderAndFliteSlt() {
        float[] a = encoder.embed(HumanSpeech.clip(HumanSpeech.CLIP_A));
        float[] b = encoder.embed(HumanSpeech.clip(HumanSpeech.CLIP_B));
        float[] slt = encoder.embed(flite("flite:slt"));

        double same = SpeakerEncoder.similarity(a, b);
        System.out.printf(
                "reader A-B %.3f, A-slt %.3f, B-slt %.3f%n",
                same, SpeakerEncoder.similarity(a, slt), SpeakerEncoder.similarity(b, slt));
        assertThat(same).isGreaterThan(SpeakerEncoder.similarity(a, slt) + 0.1);
        assertThat(same).isGreaterThan(SpeakerEncoder.similarity(b, slt) + 0.1);
    }

    @Test
    void theReaderShiftedUpIsAnotherSpeaker() {
        float[] a = encoder.embed(HumanSpeech.clip(HumanSpeech.CLIP_A));
        float[] b = encoder.embed(HumanSpeech.clip(HumanSpeech.CLIP_B));
        float[] shiftedA = encoder.embed(HumanSpeech.shifted(HumanSpeech.CLIP_A));
        float[] shiftedB = encoder.embed(HumanSpeech.shifted(HumanSpeech.CLIP_B));

        double sameReader = SpeakerEncoder.similarity(a, b);
        double sameClipShifted = SpeakerEncoder.similarity(a, shiftedA);
        double shiftedPair = SpeakerEncoder.similarity(shiftedA, shiftedB);
        System.out.printf(
                "reader A-B %.3f, A-shiftedA %.3f, shiftedA-shiftedB %.3f, B-shiftedA %.3f%n",
                sameReader, sameClipShifted, shiftedPair, SpeakerEncoder.similarity(b, shiftedA));
        // Even the same words, shifted, are further from the reader than his other sentence is.
        assertThat(sameClipShifted).isLessThan(sameReader - 0.1);
        assertThat(shiftedPair).isGreaterThan(SpeakerEncoder.similarity(b, shiftedA) + 0.1);
    }

    @Test
    void pretrainedEncoderLoadsFromFileWithItsHashInTheId(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("encoder.onnx");
        Files.write(file, bundledModel());

        try (SpeakerEncoder fromFile = SpeakerEncoder.fromFile(file)) {
            float[] x = HumanSpeech.clip(HumanSpeech.CLIP_B);
            assertThat(fromFile.modelId()).matches("encoder\\.onnx@[0-9a-f]{12}");
            assertThat(fromFile.dimension()).isEqualTo(64);
            assertThat(fromFile.embed(x)).containsExactly(encoder.embed(x));
        }
    }

    @Test
    void encoderWithAnotherInputNameIsRefusedAtLoad(@TempDir Path dir) throws IOException {
        // Renaming every occurrence keeps the graph valid, so only the signature check can refuse it.
        byte[] renamed = new String(bundledModel(), StandardCharsets.ISO_8859_1)
                .replace("audio", "sound")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("renamed.onnx");
        Files.write(file, renamed);

        assertThatThrownBy(() -> SpeakerEncoder.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one input named 'audio'");
        assertThatThrownBy(() -> SpeakerEncoder.fromFile(dir.resolve("absent.onnx")))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void silenceIsRefused() {
        assertThatThrownBy(() -> encoder.embed(new float[16000])).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] bundledModel() throws IOException {
        try (InputStream in = SpeakerEncoder.class.getResourceAsStream(SpeakerEncoder.DEFAULT_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    private static float[] flite(String voice) {
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer()) {
            SynthesisRequest request = new SynthesisRequest(
                    VoiceFitter.CHECK_SENTENCE, voice, 1, 1, 1, "neutral", "wav", 16000, false, "word");
            return AudioDecoder.decode(synthesizer.synthesize(request, null).audio())
                    .mono();
        }
    }
}
