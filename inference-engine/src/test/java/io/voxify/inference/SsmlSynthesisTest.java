package io.voxify.inference;

import static io.voxify.inference.Acoustics.db;
import static io.voxify.inference.Acoustics.medianF0;
import static io.voxify.inference.Acoustics.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.ssml.SsmlException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSML heard in the audio, on each engine family: Flite, espeak-ng and a Piper voice (the stand-in model). */
class SsmlSynthesisTest {

    private static final String PIPER = "piper:standin-alpha";

    @TempDir
    static Path models;

    private static SpeechSynthesizer synth;

    @BeforeAll
    static void load() throws Exception {
        for (String file : List.of("standin.onnx", "standin.onnx.json")) {
            try (InputStream in = SsmlSynthesisTest.class.getResourceAsStream("/piper/" + file)) {
                Files.copy(in, models.resolve(file));
            }
        }
        synth = new SpeechSynthesizer(models);
    }

    @AfterAll
    static void close() {
        synth.close();
    }

    private static SynthesisResult ssml(String voice, String document) {
        return synth.synthesize(
                new SynthesisRequest(
                        document, voice, 1.0, 1.0, 1.0, "neutral", "wav", 16000, true, "word", SynthesisRequest.SSML),
                null);
    }

    private static SynthesisResult plain(String voice, String text) {
        return synth.synthesize(
                new SynthesisRequest(text, voice, 1.0, 1.0, 1.0, "neutral", "wav", 16000, true, "word"), null);
    }

    private static float[] pcm(SynthesisResult r) {
        return AudioDecoder.decode(r.audio()).mono();
    }

    private static List<Timestamp> words(SynthesisResult r) {
        return r.timestamps().stream().filter(t -> t.type().equals("word")).toList();
    }

    private static List<Timestamp> marks(SynthesisResult r) {
        return r.timestamps().stream()
                .filter(t -> t.type().equals(Timestamp.MARK))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us", PIPER})
    void aBreakLengthensTheAudioByItsTime(String voice) {
        double second = ssml(voice, "<speak>Hello there. <break time=\"1s\"/> How are you today?</speak>")
                .durationSeconds();
        double none = ssml(voice, "<speak>Hello there. <break time=\"0ms\"/> How are you today?</speak>")
                .durationSeconds();
        double natural = plain(voice, "Hello there. How are you today?").durationSeconds();
        assertThat(second - none).isCloseTo(1.0, within(0.06));
        assertThat(second - natural)
                .as("the break replaces the pause between sentences")
                .isCloseTo(1.0 - SpeechSynthesizer.SENTENCE_GAP_SECONDS, within(0.06));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us", PIPER})
    void slowProsodyLengthensAndFastShortens(String voice) {
        String text = "Speech synthesis turns written text into audible words.";
        double normal = plain(voice, text).durationSeconds();
        double slow = ssml(voice, "<speak><prosody rate=\"slow\">" + text + "</prosody></speak>")
                .durationSeconds();
        double fast = ssml(voice, "<speak><prosody rate=\"150%\">" + text + "</prosody></speak>")
                .durationSeconds();
        assertThat(slow / normal).isBetween(1.2, 1.5);
        assertThat(fast / normal).isBetween(0.55, 0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us"})
    void prosodyPitchAndVolumeAreHeard(String voice) {
        String text = "Speech synthesis turns written text into audible words, and this sentence is long enough.";
        float[] normal = pcm(plain(voice, text));
        float[] higher = pcm(ssml(voice, "<speak><prosody pitch=\"+4st\">" + text + "</prosody></speak>"));
        float[] softer = pcm(ssml(voice, "<speak><prosody volume=\"-6dB\">" + text + "</prosody></speak>"));
        assertThat(medianF0(higher, 16000) / medianF0(normal, 16000)).isBetween(1.15, 1.45);
        assertThat(db(rms(softer) / rms(normal))).isCloseTo(-6.0, within(1.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us", PIPER})
    void sayAsCharactersSpellsLetterByLetter(String voice) {
        String doc = "<speak><say-as interpret-as=\"characters\">NASA</say-as></speak>";
        SynthesisResult spelled = ssml(voice, doc);
        double word = plain(voice, "Nasa").durationSeconds();
        assertThat(spelled.durationSeconds()).isGreaterThan(word * 1.5);
        if (!voice.equals(PIPER)) { // Piper voices time sentences, not words
            assertThat(words(spelled)).extracting(Timestamp::text).containsExactly("N", "A", "S", "A");
            assertThat(words(spelled))
                    .allSatisfy(t -> assertThat(doc.substring(t.charStart(), t.charEnd()))
                            .isEqualTo(t.text()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us"})
    void sayAsCardinalAndDateAreReadAsWords(String voice) {
        SynthesisResult year = plain(voice, "1984");
        SynthesisResult cardinal = ssml(voice, "<speak><say-as interpret-as=\"cardinal\">1984</say-as></speak>");
        assertThat(cardinal.durationSeconds())
                .as("one thousand nine hundred eighty-four, not nineteen eighty-four")
                .isGreaterThan(year.durationSeconds() * 1.3);
        assertThat(words(cardinal)).extracting(Timestamp::text).containsExactly("1984");
        SynthesisResult date =
                ssml(voice, "<speak><say-as interpret-as=\"date\" format=\"dmy\">15/03/2024</say-as></speak>");
        assertThat(date.durationSeconds())
                .isGreaterThan(plain(voice, "March fifteenth").durationSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us", PIPER})
    void subSpeaksTheAliasInPlaceOfTheWrittenText(String voice) {
        String doc = "<speak>The <sub alias=\"World Wide Web Consortium\">W3C</sub> met.</speak>";
        SynthesisResult alias = ssml(voice, doc);
        SynthesisResult written = plain(voice, "The WC met.");
        assertThat(alias.durationSeconds()).isGreaterThan(written.durationSeconds() * 1.4);
        if (!voice.equals(PIPER)) {
            assertThat(words(alias)).extracting(Timestamp::text).containsExactly("The", "W3C", "met");
            Timestamp w3c = words(alias).get(1);
            assertThat(doc.substring(w3c.charStart(), w3c.charEnd())).isEqualTo("W3C");
            assertThat(w3c.end() - w3c.start()).as("four words of alias").isGreaterThan(0.8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us", PIPER})
    void marksAreMonotonicInstantsInsideTheAudio(String voice) {
        String doc = "<speak><mark name=\"begin\"/>One two. <mark name=\"middle\"/>Three <break time=\"500ms\"/>"
                + "<mark name=\"after-break\"/>four.<mark name=\"end\"/></speak>";
        SynthesisResult r = ssml(voice, doc);
        List<Timestamp> marks = marks(r);
        assertThat(marks).extracting(Timestamp::text).containsExactly("begin", "middle", "after-break", "end");
        assertThat(marks).allSatisfy(m -> {
            assertThat(m.start()).isEqualTo(m.end()).isBetween(0.0, r.durationSeconds() + 1e-6);
            assertThat(doc.substring(m.charStart())).startsWith("<mark name=\"" + m.text() + "\"");
        });
        for (int i = 1; i < marks.size(); i++) {
            assertThat(marks.get(i).start())
                    .isGreaterThanOrEqualTo(marks.get(i - 1).start());
        }
        assertThat(marks.get(0).start()).isZero();
        assertThat(marks.get(3).start()).isCloseTo(r.durationSeconds(), within(0.001));
        assertThat(marks.get(2).start() - marks.get(1).start())
                .as("Three, then the break")
                .isGreaterThan(0.6);
        List<Timestamp> all = r.timestamps();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).start())
                    .as("timestamps stay in time order")
                    .isGreaterThanOrEqualTo(all.get(i - 1).start());
        }
        SynthesisResult sentences = synth.synthesize(
                new SynthesisRequest(
                        doc, voice, 1.0, 1.0, 1.0, "neutral", "wav", 16000, true, "sentence", SynthesisRequest.SSML),
                null);
        assertThat(marks(sentences))
                .as("marks come with sentence timestamps too")
                .hasSize(4);
    }

    @Test
    void langSwitchesEspeakToTheVoiceOfThatLanguage() {
        String french = "Bonjour tout le monde, je m'appelle Pierre et j'habite à Paris.";
        double asFrench = plain("espeak:fr-fr", french).durationSeconds();
        double asEnglish = plain("espeak:en-us", french).durationSeconds();
        assertThat(Math.abs(asFrench - asEnglish))
                .as("the test can tell them apart")
                .isGreaterThan(0.2);
        double switched = ssml("espeak:en-us", "<speak><lang xml:lang=\"fr-FR\">" + french + "</lang></speak>")
                .durationSeconds();
        assertThat(switched).isCloseTo(asFrench, within(0.05));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", PIPER})
    void langOnAnEnglishOnlyVoiceIsSpokenByEspeakNgForThatLanguage(String voice) {
        String french = "Bonjour tout le monde, je m'appelle Pierre et j'habite à Paris.";
        double asFrench = plain("espeak:fr-fr", french).durationSeconds();
        SynthesisResult mixed = ssml(voice, "<speak><lang xml:lang=\"fr-FR\">" + french + "</lang></speak>");
        assertThat(mixed.durationSeconds()).isCloseTo(asFrench, within(0.05));
        SynthesisResult english = ssml(voice, "<speak><lang xml:lang=\"en-GB\">Hello there.</lang></speak>");
        assertThat(english.durationSeconds())
                .as("English stays with the voice")
                .isCloseTo(plain(voice, "Hello there.").durationSeconds(), within(0.05));
    }

    @Test
    void invalidSsmlIsRefusedBeforeAnythingIsSpoken() {
        assertThatThrownBy(() -> ssml("flite:slt", "<speak>Hi <foo/></speak>"))
                .isInstanceOf(SsmlException.class)
                .hasMessageContaining("line 1, column 11");
        assertThatThrownBy(() -> synth.synthesize(
                        new SynthesisRequest(
                                "Hi", "flite:slt", 1, 1, 1, "neutral", "wav", 16000, false, "word", "html"),
                        null))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("plain or ssml");
    }

    @Test
    void plainTextIsNotReadAsMarkup() {
        SynthesisResult r = plain("flite:slt", "<speak>Hello</speak>");
        assertThat(String.join(" ", words(r).stream().map(Timestamp::text).toList()))
                .contains("speak", "Hello");
        assertThat(marks(r)).isEmpty();
    }
}
