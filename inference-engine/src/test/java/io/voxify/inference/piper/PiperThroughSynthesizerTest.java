package io.voxify.inference.piper;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.Timestamp;
import io.voxify.inference.audio.Pcm;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Piper voice found in the models directory speaks through the same pipeline as the built-in voices. */
class PiperThroughSynthesizerTest {

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = PiperThroughSynthesizerTest.class.getResourceAsStream("/piper/" + resource)) {
            Files.copy(in, target);
        }
    }

    @Test
    void aPiperVoiceInTheModelsDirectorySpeaksTextWithSentenceTimestamps(@TempDir Path models) throws Exception {
        copy("standin.onnx", models.resolve("standin.onnx"));
        copy("standin.onnx.json", models.resolve("standin.onnx.json"));
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer(models)) {
            // The stand-in has two named speakers: each is a voice of its own.
            assertThat(synthesizer.supports("piper:standin-alpha")).isTrue();
            assertThat(synthesizer.supports("piper:standin-beta")).isTrue();
            assertThat(synthesizer.supports("piper:standin")).isFalse();
            assertThat(synthesizer.voices())
                    .anyMatch(v -> v.voiceId().equals("piper:standin-alpha")
                            && v.engine().equals("piper"));
            SynthesisResult beta = synthesizer.synthesize(
                    new SynthesisRequest(
                            "Hello world. This is a test.",
                            "piper:standin-beta",
                            1.0,
                            1.0,
                            1.0,
                            "neutral",
                            "wav",
                            22050,
                            false,
                            "word"),
                    ProgressListener.NONE);
            SynthesisResult normal = synthesizer.synthesize(
                    new SynthesisRequest(
                            "Hello world. This is a test.",
                            "piper:standin-alpha",
                            1.0,
                            1.0,
                            1.0,
                            "neutral",
                            "wav",
                            22050,
                            true,
                            "sentence"),
                    ProgressListener.NONE);
            SynthesisResult fast = synthesizer.synthesize(
                    new SynthesisRequest(
                            "Hello world. This is a test.",
                            "piper:standin-alpha",
                            2.0,
                            1.0,
                            1.0,
                            "neutral",
                            "wav",
                            22050,
                            true,
                            "sentence"),
                    ProgressListener.NONE);
            assertThat(AudioDecoder.decode(normal.audio()).durationSeconds()).isGreaterThan(0.5);
            assertThat(beta.audio()).as("another speaker, other audio").isNotEqualTo(normal.audio());
            assertThat(fast.durationSeconds()).isLessThan(normal.durationSeconds() * 0.7);
            assertThat(normal.timestamps()).hasSize(2);
            Timestamp second = normal.timestamps().get(1);
            assertThat(second.type()).isEqualTo("sentence");
            assertThat(second.text()).isEqualTo("This is a test.");
            assertThat(second.start()).isGreaterThan(normal.timestamps().get(0).end() - 1e-6);
            assertThat(second.end()).isLessThanOrEqualTo(normal.durationSeconds() + 1e-6);
        }
    }

    @Test
    void theSentencePauseIsConfigurable(@TempDir Path models) throws Exception {
        copy("standin.onnx", models.resolve("standin.onnx"));
        copy("standin.onnx.json", models.resolve("standin.onnx.json"));
        SynthesisRequest twoSentences = new SynthesisRequest(
                "Hello world. This is a test.",
                "piper:standin-alpha",
                1.0,
                1.0,
                1.0,
                "neutral",
                "wav",
                22050,
                false,
                "word");
        try (SpeechSynthesizer tight = new SpeechSynthesizer(models, 0.0);
                SpeechSynthesizer roomy = new SpeechSynthesizer(models, 1.0)) {
            double difference = roomy.synthesize(twoSentences, ProgressListener.NONE)
                            .durationSeconds()
                    - tight.synthesize(twoSentences, ProgressListener.NONE).durationSeconds();
            assertThat(difference).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void aPiperVoiceStreamsSentenceBySentenceAndTheWholeIsTheFile(@TempDir Path models) throws Exception {
        copy("standin.onnx", models.resolve("standin.onnx"));
        copy("standin.onnx.json", models.resolve("standin.onnx.json"));
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer(models)) {
            List<String> events = new ArrayList<>();
            ByteArrayOutputStream heard = new ByteArrayOutputStream();
            SynthesisResult result = synthesizer.synthesize(
                    new SynthesisRequest(
                            "The first sentence is here. A second one follows it. And a third ends the text.",
                            "piper:standin-alpha",
                            1.0,
                            1.0,
                            1.0,
                            "neutral",
                            "wav",
                            22050,
                            false,
                            "word"),
                    (percent, message) -> events.add("progress " + message),
                    (samples, rate) -> {
                        events.add("audio " + samples.length);
                        heard.writeBytes(Pcm.toLittleEndian16(samples));
                    });
            int firstAudio = events.indexOf(events.stream()
                    .filter(e -> e.startsWith("audio"))
                    .findFirst()
                    .orElseThrow());
            assertThat(firstAudio)
                    .as("the first sentence is heard before the second is spoken: " + events)
                    .isLessThan(events.indexOf("progress Synthesised sentence 2 of 3"));
            assertThat(events.stream().filter(e -> e.startsWith("audio")))
                    .as("speech, pause, speech, pause, speech")
                    .hasSize(5);
            byte[] wav = result.audio();
            assertThat(heard.toByteArray()).isEqualTo(Arrays.copyOfRange(wav, 44, wav.length));
        }
    }

    @Test
    void noModelsDirectoryMeansNoPiperVoices(@TempDir Path empty) {
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer(empty.resolve("missing"))) {
            assertThat(synthesizer.voices()).noneMatch(v -> v.engine().equals("piper"));
        }
    }
}
