package io.voxify.inference;

import static io.voxify.inference.Acoustics.db;
import static io.voxify.inference.Acoustics.medianF0;
import static io.voxify.inference.Acoustics.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeechSynthesizerTest {

    private static final String FOX = "The quick brown fox jumps over the lazy dog.";
    private static final String LONG = "Speech synthesis turns written text into audible words, and this sentence "
            + "is long enough to measure the voice reliably over several seconds of sound.";

    /** Latin letters every espeak-ng voice reads; some (he, cv, tk, chr, …) have no rules for digits. */
    private static final String FALLBACK_SAMPLE = "Mama, papa, salam, kino, lima, tomato.";

    private static SpeechSynthesizer synth;

    @BeforeAll
    static void load() {
        synth = new SpeechSynthesizer();
    }

    @AfterAll
    static void close() {
        synth.close();
    }

    private static SynthesisRequest request(String text, String voice, double speed, double pitch, double volume) {
        return new SynthesisRequest(text, voice, speed, pitch, volume, "neutral", "wav", 16000, true, "word");
    }

    private static DecodedAudio speak(SynthesisRequest r) {
        return AudioDecoder.decode(synth.synthesize(r, null).audio());
    }

    @Test
    void listsFliteAndEspeakVoices() {
        List<String> ids = synth.voices().stream().map(VoiceInfo::voiceId).toList();
        assertThat(ids)
                .contains(
                        "flite:slt",
                        "flite:rms",
                        "flite:awb",
                        "flite:kal16",
                        "espeak:en-us",
                        "espeak:en-gb",
                        "espeak:de",
                        "espeak:fr-fr",
                        "espeak:es",
                        "espeak:it",
                        "espeak:pt-br",
                        "espeak:hi",
                        "espeak:ko",
                        "espeak:ja",
                        "espeak:cmn-latn-pinyin",
                        "espeak:en-us+f3");
        assertThat(synth.voices())
                .filteredOn(v -> v.voiceId().equals("flite:slt"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.gender()).isEqualTo("female");
                    assertThat(v.nativeSampleRate()).isEqualTo(16000);
                    assertThat(v.language()).isEqualTo("en-us");
                });
        assertThat(synth.supports("espeak:fr")).isTrue();
        assertThat(synth.supports("espeak:de+f3")).isTrue();
        assertThat(synth.supports("espeak:de+nosuchvariant")).isFalse();
        assertThat(synth.supports("flite:nobody")).isFalse();
        assertThat(synth.supports("piper:whatever")).isFalse();
    }

    @Test
    void everyListedVoiceSpeaksAudiblyForAPlausibleLength() {
        Map<String, String> samples = Map.of(
                "de", "Guten Tag, wie geht es Ihnen heute?",
                "fr", "Bonjour, comment allez-vous aujourd'hui ?",
                "es", "Hola, ¿cómo estás hoy?",
                "it", "Buongiorno, come stai oggi?",
                "pt", "Olá, tudo bem com você hoje?",
                "hi", "नमस्ते, आप कैसे हैं?",
                "ko", "안녕하세요, 만나서 반갑습니다.",
                "ja", "こんにちは、はじめまして。",
                "cmn", "你好，很高兴认识你。");
        List<String> failures = new ArrayList<>();
        for (VoiceInfo v : synth.voices()) {
            String language = v.language();
            String text = language.startsWith("en")
                    ? "Hello, this is a short test."
                    : samples.getOrDefault(language.split("-")[0], FALLBACK_SAMPLE);
            SynthesisResult result = synth.synthesize(
                    new SynthesisRequest(text, v.voiceId(), 1, 1, 1, "neutral", "wav", 22050, false, "word"), null);
            DecodedAudio audio = AudioDecoder.decode(result.audio());
            double perChar = audio.durationSeconds() / text.codePointCount(0, text.length());
            if (rms(audio.mono()) < 0.01 || perChar < 0.02 || perChar > 0.45) {
                failures.add(v.voiceId() + String.format(" rms %.4f, %.3f s/char", rms(audio.mono()), perChar));
            }
            assertThat(result.durationSeconds()).isCloseTo(audio.durationSeconds(), within(1e-3));
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us"})
    void durationFollowsSpeed(String voice) {
        double normal = speak(request(LONG, voice, 1.0, 1, 1)).durationSeconds();
        double twice = speak(request(LONG, voice, 2.0, 1, 1)).durationSeconds();
        double triple = speak(request(LONG, voice, 3.0, 1, 1)).durationSeconds();
        double slow = speak(request(LONG, voice, 0.5, 1, 1)).durationSeconds();
        assertThat(twice / normal).isCloseTo(0.5, within(0.07));
        assertThat(triple / normal).isCloseTo(1 / 3.0, within(0.06));
        assertThat(slow / normal).isCloseTo(2.0, within(0.25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "flite:rms", "flite:awb", "flite:kal16", "espeak:en-us", "espeak:de+f3"})
    void medianF0FollowsPitch(String voice) {
        double base = medianF0(speak(request(LONG, voice, 1, 1.0, 1)).mono(), 16000);
        double raised = medianF0(speak(request(LONG, voice, 1, 1.5, 1)).mono(), 16000);
        double lowered = medianF0(speak(request(LONG, voice, 1, 0.7, 1)).mono(), 16000);
        assertThat(base).isBetween(70.0, 260.0);
        assertThat(raised / base).as("raised %.1f / base %.1f", raised, base).isCloseTo(1.5, within(0.12));
        assertThat(lowered / base).as("lowered %.1f / base %.1f", lowered, base).isCloseTo(0.7, within(0.07));
    }

    @Test
    void espeakReachesTheExtremesOfPitchWithPostProcessing() {
        double base = medianF0(speak(request(LONG, "espeak:en-us", 1, 1.0, 1)).mono(), 16000);
        double doubled =
                medianF0(speak(request(LONG, "espeak:en-us", 1, 2.0, 1)).mono(), 16000);
        assertThat(doubled / base).isCloseTo(2.0, within(0.2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "espeak:en-us"})
    void rmsFollowsVolume(String voice) {
        double full = rms(speak(request(LONG, voice, 1, 1, 1.0)).mono());
        double half = rms(speak(request(LONG, voice, 1, 1, 0.5)).mono());
        double silent = rms(speak(request(LONG, voice, 1, 1, 0.0)).mono());
        assertThat(db(half / full)).isCloseTo(-6.02, within(0.5));
        assertThat(silent).isZero();
    }

    @Test
    void loudRequestsNeverClip() {
        float[] x = speak(request(LONG, "flite:kal16", 1, 1, 2.0)).mono();
        int fullScale = 0;
        for (float v : x) {
            if (Math.abs(v) >= 32767 / 32768f) {
                fullScale++;
            }
        }
        assertThat(fullScale).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "flite:awb", "espeak:en-us", "espeak:en-gb"})
    void wordTimestampsCoverTheAudioInOrder(String voice) {
        String text = "The quick brown fox jumps over the lazy dog. It was 5 o'clock on 2024-01-15, "
                + "and Dr. Smith paid $3.50!";
        SynthesisResult result = synth.synthesize(request(text, voice, 1, 1, 1), null);
        List<Timestamp> words = result.timestamps();
        String[] expected = text.split("\\s+");
        assertThat(words).hasSize(expected.length);
        for (int i = 0; i < words.size(); i++) {
            Timestamp w = words.get(i);
            assertThat(w.type()).isEqualTo("word");
            assertThat(expected[i]).contains(w.text());
            assertThat(text.substring(w.charStart(), w.charEnd())).isEqualTo(w.text());
            assertThat(w.end()).isGreaterThan(w.start());
            if (i > 0) {
                assertThat(w.start()).isGreaterThanOrEqualTo(words.get(i - 1).end() - 1e-4);
            }
        }
        assertThat(words.get(0).start()).isLessThan(0.15);
        assertThat(words.get(words.size() - 1).end()).isCloseTo(result.durationSeconds(), within(0.15));
        assertThat(words.stream().filter(w -> w.text().equals("$3.50"))).hasSize(1);
        assertThat(words.stream().filter(w -> w.text().equals("2024-01-15"))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite:slt", "flite:kal16", "espeak:en-us"})
    void repeatedAndBracketedWordsKeepTheirOwnPositions(String voice) {
        String text = "the the cat, (the) end the USA's.";
        List<Timestamp> words =
                synth.synthesize(request(text, voice, 1, 1, 1), null).timestamps();
        assertThat(words).extracting(Timestamp::charStart).containsExactly(0, 4, 8, 14, 19, 23, 27);
        assertThat(words)
                .extracting(Timestamp::text)
                .containsExactly("the", "the", "cat", "the", "end", "the", "USA's");
    }

    @Test
    void wordTimestampsFollowSpeedAndSampleRate() {
        String text = "One two three four five six seven eight.";
        SynthesisResult slow = synth.synthesize(
                new SynthesisRequest(text, "flite:rms", 1, 1, 1, "neutral", "mp3", 48000, true, "word"), null);
        SynthesisResult fast = synth.synthesize(
                new SynthesisRequest(text, "flite:rms", 2, 1, 1, "neutral", "flac", 8000, true, "word"), null);
        double slowLast = slow.timestamps().get(7).end();
        double fastLast = fast.timestamps().get(7).end();
        assertThat(fastLast / slowLast).isCloseTo(0.5, within(0.08));
        assertThat(fastLast).isCloseTo(fast.durationSeconds(), within(0.1));
        assertThat(fast.contentType()).isEqualTo("audio/flac");
        assertThat(AudioDecoder.decode(fast.audio()).sampleRate()).isEqualTo(8000);
        assertThat(slow.contentType()).isEqualTo("audio/mpeg");
        assertThat(AudioDecoder.decode(slow.audio()).sampleRate()).isEqualTo(48000);
    }

    @Test
    void nonEnglishWordsMapToTheirCharacters() {
        String text = "Grüße aus München. Schöne Welt!";
        SynthesisResult result = synth.synthesize(request(text, "espeak:de", 1, 1, 1), null);
        assertThat(result.timestamps())
                .extracting(Timestamp::text)
                .containsExactly("Grüße", "aus", "München", "Schöne", "Welt");
    }

    @Test
    void sentenceTimestampsSpanEachSentence() {
        String text = "First sentence here. Second one follows! And a third?";
        SynthesisResult result = synth.synthesize(
                new SynthesisRequest(text, "flite:slt", 1, 1, 1, "neutral", "wav", 24000, true, "sentence"), null);
        List<Timestamp> sentences = result.timestamps();
        assertThat(sentences)
                .extracting(Timestamp::text)
                .containsExactly("First sentence here.", "Second one follows!", "And a third?");
        assertThat(sentences).allSatisfy(s -> assertThat(s.type()).isEqualTo("sentence"));
        for (int i = 1; i < sentences.size(); i++) {
            // Sentences are joined by a pause of about a quarter second.
            double gap = sentences.get(i).start() - sentences.get(i - 1).end();
            assertThat(gap).isBetween(0.2, 0.45);
        }
        assertThat(sentences.get(0).start()).isLessThan(0.1);
        assertThat(sentences.get(2).end()).isCloseTo(result.durationSeconds(), within(0.1));
    }

    @Test
    void reportsProgressInOrder() {
        List<Double> percents = new ArrayList<>();
        synth.synthesize(
                new SynthesisRequest(
                        "One. Two. Three. Four.", "espeak:en-us", 1, 1, 1, "happy", "mp3", 22050, false, "word"),
                (p, m) -> percents.add(p));
        assertThat(percents).containsExactly(10.0, 25.0, 40.0, 55.0, 70.0, 85.0, 90.0, 95.0, 99.0);
    }

    @Test
    void emotionsShapeProsody() {
        DecodedAudio neutral =
                speak(new SynthesisRequest(LONG, "flite:slt", 1, 1, 1, "neutral", "wav", 16000, false, "word"));
        DecodedAudio happy =
                speak(new SynthesisRequest(LONG, "flite:slt", 1, 1, 1, "happy", "wav", 16000, false, "word"));
        DecodedAudio sad = speak(new SynthesisRequest(LONG, "flite:slt", 1, 1, 1, "sad", "wav", 16000, false, "word"));
        assertThat(medianF0(happy.mono(), 16000)).isGreaterThan(medianF0(neutral.mono(), 16000) * 1.05);
        assertThat(medianF0(sad.mono(), 16000)).isLessThan(medianF0(neutral.mono(), 16000) * 0.96);
        assertThat(happy.durationSeconds()).isLessThan(neutral.durationSeconds());
        assertThat(sad.durationSeconds()).isGreaterThan(neutral.durationSeconds());
        assertThat(rms(sad.mono())).isLessThan(rms(neutral.mono()));
    }

    @Test
    void refusesBadRequestsWithCodes() {
        assertCode(request("Hi", "flite:nobody", 1, 1, 1), SynthesisException.UNKNOWN_VOICE);
        assertCode(request("   ", "flite:slt", 1, 1, 1), SynthesisException.EMPTY_TEXT);
        assertCode(request("Hi", "flite:slt", 5, 1, 1), SynthesisException.INVALID_PARAMETER);
        assertCode(request("Hi", "flite:slt", 1, 1, Double.NaN), SynthesisException.INVALID_PARAMETER);
        assertCode(
                new SynthesisRequest("Hi", "flite:slt", 1, 1, 1, "angry", "wav", 16000, false, "word"),
                SynthesisException.INVALID_PARAMETER);
        assertCode(
                new SynthesisRequest("Hi", "flite:slt", 1, 1, 1, "neutral", "ogg", 16000, false, "word"),
                SynthesisException.UNSUPPORTED_FORMAT);
        assertCode(
                new SynthesisRequest("Hi", "flite:slt", 1, 1, 1, "neutral", "wav", 11025, false, "word"),
                SynthesisException.UNSUPPORTED_SAMPLE_RATE);
        assertCode(
                new SynthesisRequest("Hi", "flite:slt", 1, 1, 1, "neutral", "wav", 16000, false, "paragraph"),
                SynthesisException.INVALID_PARAMETER);
        assertCode(
                request("x".repeat(SpeechSynthesizer.MAX_TEXT_CHARS + 1), "flite:slt", 1, 1, 1),
                SynthesisException.TEXT_TOO_LONG);
        // Flite's English front-end has nothing to say about Chinese characters.
        assertCode(request("你好。", "flite:slt", 1, 1, 1), SynthesisException.EMPTY_TEXT);
    }

    private static void assertCode(SynthesisRequest r, String code) {
        assertThatThrownBy(() -> synth.synthesize(r, null))
                .isInstanceOf(SynthesisException.class)
                .extracting(e -> ((SynthesisException) e).code())
                .isEqualTo(code);
    }

    @Test
    void servesConcurrentRequestsAcrossEngines() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SynthesisResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String voice = i % 2 == 0 ? "flite:slt" : "espeak:en-us";
                results.add(pool.submit(() -> synth.synthesize(request(FOX, voice, 1, 1, 1), null)));
            }
            for (Future<SynthesisResult> f : results) {
                SynthesisResult r = f.get();
                assertThat(r.durationSeconds()).isBetween(1.5, 4.0);
                assertThat(r.timestamps()).hasSize(9);
                assertThat(r.engineCpuNanos()).isPositive();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSecondSynthesizerSharesTheEnginesAndSurvivesTheFirstClosing() {
        SpeechSynthesizer other = new SpeechSynthesizer();
        assertThat(other.synthesize(request(FOX, "flite:slt", 1, 1, 1), null).durationSeconds())
                .isPositive();
        other.close();
        assertThat(synth.synthesize(request(FOX, "espeak:en-us", 1, 1, 1), null).durationSeconds())
                .isPositive();
        assertThat(synth.synthesize(request(FOX, "flite:slt", 1, 1, 1), null).durationSeconds())
                .isPositive();
    }
}
