package io.voxify.inference.piper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.SpeechSynthesizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated stand-in (tools/generate_piper_standin.py): each id lasts round(256 * length_scale)
 * samples at 22050 Hz, so lengths can be checked exactly.
 */
class PiperVoiceTest {

    @TempDir
    static Path dir;

    private static PiperVoice voice;

    @BeforeAll
    static void load() throws Exception {
        voice = PiperVoice.load(PiperTestFiles.standin(dir));
    }

    @AfterAll
    static void close() {
        voice.close();
    }

    private static int ids(String phonemes) {
        return voice.encoder().encode(phonemes).ids().length;
    }

    @Test
    void lengthFollowsLengthScaleOverSpeed() {
        String hello = "həlˈoʊ";
        PiperAudio normal = voice.synthesize(List.of(hello), 1.0, 0);
        PiperAudio fast = voice.synthesize(List.of(hello), 2.0, 0);
        PiperAudio slow = voice.synthesize(List.of(hello), 0.5, 0);

        assertThat(voice.sampleRate()).isEqualTo(22050);
        assertThat(normal.sampleRate()).isEqualTo(22050);
        assertThat(normal.samples()).hasSize(ids(hello) * 256);
        assertThat(fast.samples()).hasSize(ids(hello) * 128);
        assertThat(slow.samples()).hasSize(ids(hello) * 512);
        assertThat(fast.durationSeconds()).isCloseTo(normal.durationSeconds() / 2, within(1e-9));
    }

    @Test
    void differentPhonemesAndSpeakersSoundDifferent() {
        float[] a = voice.synthesize(List.of("a"), 1.0, 0).samples();
        float[] i = voice.synthesize(List.of("i"), 1.0, 0).samples();
        float[] aBeta = voice.synthesize(List.of("a"), 1.0, 1).samples();
        assertThat(a).hasSameSizeAs(i).hasSameSizeAs(aBeta);
        assertThat(a).isNotEqualTo(i);
        assertThat(a).isNotEqualTo(aBeta);
        assertThat(voice.synthesize(List.of("a"), 1.0, 0).samples()).isEqualTo(a);
    }

    @Test
    void sentencesArePausedAndTimed() {
        List<String> sentences = List.of("həlˈoʊ", "wˈɜːld", "ðɪs ɪz ɐ tˈɛst");
        PiperAudio audio = voice.synthesize(sentences, 1.0, 0);
        int pause = (int) Math.round(PiperVoice.DEFAULT_SENTENCE_PAUSE_SECONDS * 22050);
        int expected = sentences.stream().mapToInt(s -> ids(s) * 256).sum() + 2 * pause;
        assertThat(audio.samples()).hasSize(expected);

        List<SentenceTiming> t = audio.sentences();
        assertThat(t).hasSize(3);
        assertThat(t.get(0).startSeconds()).isZero();
        assertThat(t.get(2).endSeconds()).isCloseTo(audio.durationSeconds(), within(1e-9));
        for (int k = 0; k < 3; k++) {
            assertThat(t.get(k).index()).isEqualTo(k);
            assertThat(t.get(k).phonemes()).isEqualTo(sentences.get(k));
            assertThat(t.get(k).durationSeconds()).isCloseTo(ids(sentences.get(k)) * 256 / 22050.0, within(1e-9));
        }
        for (int k = 1; k < 3; k++) {
            double gap = t.get(k).startSeconds() - t.get(k - 1).endSeconds();
            assertThat(gap).isCloseTo(PiperVoice.DEFAULT_SENTENCE_PAUSE_SECONDS, within(1e-9));
            int from = (int) Math.round(t.get(k - 1).endSeconds() * 22050);
            for (int s = from; s < from + pause; s++) {
                assertThat(audio.samples()[s]).as("pause sample %d", s).isZero();
            }
        }
    }

    @Test
    void pauseIsConfigurableAndBlankSentencesAreSilentWithoutPause() {
        PiperAudio audio = voice.synthesize(List.of("a", " ", "i"), 1.0, 0, 0.5);
        int pause = (int) Math.round(0.5 * 22050);
        assertThat(audio.samples()).hasSize(2 * ids("a") * 256 + pause);
        assertThat(audio.sentences().get(1).durationSeconds()).isZero();
    }

    @Test
    void anUtteranceSpokenSentenceBySentenceIsTheWholeSynthesis() {
        PiperVoice.Utterance utterance = voice.utterance(1.0, 0);
        float[] first = utterance.speak("a");
        float[] blank = utterance.speak("  ");
        float[] second = utterance.speak("i");
        PiperAudio whole = voice.synthesize(List.of("a", " ", "i"), 1.0, 0, 0.0);
        float[] joined = new float[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        assertThat(blank).isEmpty();
        assertThat(whole.samples()).isEqualTo(joined);
        double peak = 0;
        for (float f : first) {
            peak = Math.max(peak, Math.abs(f));
        }
        assertThat(peak).as("the first sentence sets the gain").isCloseTo(PiperVoice.TARGET_PEAK, within(1e-3));
        assertThatThrownBy(() -> voice.utterance(0.0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> voice.utterance(1.0, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sentencesOfOneUtteranceShareItsGain() {
        PiperAudio audio = voice.synthesize(List.of("a", "i"), 1.0, 0);
        float[] s = audio.samples();
        int firstEnd = (int) Math.round(audio.sentences().get(0).endSeconds() * 22050);
        int secondStart = (int) Math.round(audio.sentences().get(1).startSeconds() * 22050);
        double peak = 0;
        double peak1 = 0;
        double peak2 = 0;
        for (int k = 0; k < s.length; k++) {
            peak = Math.max(peak, Math.abs(s[k]));
            if (k < firstEnd) {
                peak1 = Math.max(peak1, Math.abs(s[k]));
            } else if (k >= secondStart) {
                peak2 = Math.max(peak2, Math.abs(s[k]));
            }
        }
        assertThat(peak).isCloseTo(PiperVoice.TARGET_PEAK, within(1e-3));
        // The stand-in makes every sentence equally loud; one gain for both keeps them so.
        assertThat(peak1).isCloseTo(peak2, within(0.02));
    }

    @Test
    void countsPhonemesTheVoiceDoesNotKnow() {
        PiperAudio audio = voice.synthesize(List.of("ax", "xʁ"), 1.0, 0);
        assertThat(audio.missingPhonemes()).containsEntry("x", 2).containsEntry("ʁ", 1);
    }

    @Test
    void speaksEspeakPhonemesOfRealText() {
        String phonemes;
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer()) {
            phonemes = synthesizer.phonemes("espeak:en-us", "hello world");
        }
        PiperAudio audio = voice.synthesize(List.of(phonemes), 1.0, 0);
        assertThat(phonemes).contains("h").contains("l");
        assertThat(audio.missingPhonemes()).as("phonemes %s", phonemes).isEmpty();
        assertThat(audio.samples()).hasSize(ids(phonemes.strip()) * 256);
        assertThat(audio.durationSeconds()).isGreaterThan(0.2);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> voice.synthesize(List.of(), 1.0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> voice.synthesize(List.of("a"), 0.0, 0)).hasMessageContaining("speed");
        assertThatThrownBy(() -> voice.synthesize(List.of("a"), Double.NaN, 0)).hasMessageContaining("speed");
        assertThatThrownBy(() -> voice.synthesize(List.of("a"), 1.0, 2)).hasMessageContaining("speaker id");
        assertThatThrownBy(() -> voice.synthesize(List.of("a"), 1.0, -1)).hasMessageContaining("speaker id");
        assertThatThrownBy(() -> voice.synthesize(List.of("a"), 1.0, 0, -0.1)).hasMessageContaining("pause");
    }

    @Test
    void rejectsAModelWithoutPiperSignature(@TempDir Path other) throws Exception {
        Path model = other.resolve("encoder.onnx");
        try (InputStream in = SpeechSynthesizer.class.getResourceAsStream("voice/speaker_encoder.onnx")) {
            assertThat(in).as("speaker encoder resource").isNotNull();
            Files.write(model, in.readAllBytes());
        }
        Files.write(other.resolve("encoder.onnx.json"), PiperTestFiles.resource("standin.onnx.json"));
        assertThatThrownBy(() -> PiperVoice.load(model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no input 'input'");
    }

    @Test
    void rejectsMissingFiles(@TempDir Path other) {
        assertThatThrownBy(() -> PiperVoice.load(other.resolve("none.onnx"))).hasMessageContaining("does not exist");
    }
}
