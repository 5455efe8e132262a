package io.voxify.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.audio.Dynamics;
import io.voxify.inference.audio.Silence;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PresetCatalogTest {

    private static final List<String> ESPEAK_LANGUAGES =
            List.of("en-GB", "zh-CN", "ja-JP", "ko-KR", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "hi-IN");
    private static final Set<String> AGES = Set.of("young", "adult", "mature");
    private static final Set<String> STYLES =
            Set.of("gentle", "energetic", "calm", "clear", "warm", "sweet", "deep", "scottish");
    /** Where espeak-ng gives up on a word in the voice's language and reads it as English. */
    private static final String ENGLISH_FALLBACK = "(en)";

    private static SpeechSynthesizer synth;

    @BeforeAll
    static void load() {
        synth = new SpeechSynthesizer();
    }

    @AfterAll
    static void close() {
        synth.close();
    }

    static Stream<PresetVoice> presets() {
        return PresetCatalog.all().stream();
    }

    static Stream<Named<PresetVoice>> eachPreset() {
        return presets().map(p -> Named.of(p.voiceModelId(), p));
    }

    static Stream<Named<PresetVoice>> eachEspeakPreset() {
        return eachPreset().filter(p -> p.getPayload().engine().equals(PresetVoice.ESPEAK));
    }

    @Test
    void keepsTheDefaultVoiceOnFliteSlt() {
        PresetVoice preset = PresetCatalog.find(PresetCatalog.DEFAULT_VOICE_ID).orElseThrow();

        assertThat(preset.engineVoiceId()).isEqualTo("flite:slt");
        assertThat(preset.language()).isEqualTo("en-US");
        assertThat(presets().filter(p -> p.engine().equals(PresetVoice.FLITE)).map(PresetVoice::engineVoiceId))
                .containsExactlyInAnyOrder("flite:slt", "flite:rms", "flite:awb", "flite:kal16");
    }

    @Test
    void hasTheSpecsGentleFemaleVoice() {
        PresetVoice gentle = PresetCatalog.find("preset_gentle_female_001").orElseThrow();

        assertThat(gentle.language()).isEqualTo("zh-CN");
        assertThat(gentle.gender()).isEqualTo("female");
        assertThat(gentle.tags()).contains("female", "gentle", "sweet", "young");
        assertThat(gentle.description())
                .startsWith("A soft and warm female voice suitable for storytelling and meditation");
        assertThat(gentle.engineVoiceId()).startsWith("espeak:cmn-latn-pinyin");
    }

    @Test
    void offersAFemaleAndAMaleEspeakVoiceForEveryLanguage() {
        Map<String, Set<String>> genders = presets()
                .filter(p -> p.engine().equals(PresetVoice.ESPEAK))
                .collect(Collectors.groupingBy(
                        PresetVoice::language, Collectors.mapping(PresetVoice::gender, Collectors.toSet())));

        assertThat(genders.keySet()).containsAll(ESPEAK_LANGUAGES);
        ESPEAK_LANGUAGES.forEach(
                language -> assertThat(genders.get(language)).as(language).containsExactlyInAnyOrder("female", "male"));
    }

    @Test
    void idsAreUnique() {
        Map<String, Long> counts =
                presets().collect(Collectors.groupingBy(PresetVoice::voiceModelId, Collectors.counting()));

        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(PresetCatalog.all())
                .allSatisfy(
                        p -> assertThat(PresetCatalog.find(p.voiceModelId())).contains(p));
    }

    @Test
    void mandarinNeverUsesTheVoiceThatReadsPinyinAsEnglish() {
        assertThat(presets().filter(p -> p.language().startsWith("zh")))
                .allSatisfy(p -> assertThat(p.engineVoiceId()).startsWith("espeak:cmn-latn-pinyin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPreset")
    void isCompleteAndSpokenByASupportedVoice(PresetVoice preset) {
        assertThat(synth.supports(preset.engineVoiceId()))
                .as(preset.engineVoiceId())
                .isTrue();
        assertThat(preset.name()).isNotBlank();
        assertThat(preset.description()).isNotBlank();
        assertThat(preset.previewText()).isNotBlank();
        assertThat(preset.language()).matches("[a-z]{2}-[A-Z]{2}");
        assertThat(preset.gender()).isIn("female", "male");
        assertThat(preset.tags()).contains(preset.gender());
        assertThat(preset.tags()).anyMatch(AGES::contains);
        assertThat(preset.tags()).anyMatch(STYLES::contains);
        if (preset.engine().equals(PresetVoice.ESPEAK)) {
            assertThat(preset.description()).contains("eSpeak NG formant synthesis");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPreset")
    void previewTextIsWrittenInTheLanguagesOwnScript(PresetVoice preset) {
        Character.UnicodeScript expected = switch (preset.language()) {
            case "zh-CN" -> Character.UnicodeScript.HAN;
            case "ko-KR" -> Character.UnicodeScript.HANGUL;
            case "hi-IN" -> Character.UnicodeScript.DEVANAGARI;
            default -> Character.UnicodeScript.LATIN;
        };
        Map<Character.UnicodeScript, Long> scripts = preset.previewText()
                .codePoints()
                .filter(Character::isLetter)
                .mapToObj(Character.UnicodeScript::of)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        if (preset.language().equals("ja-JP")) {
            assertThat(scripts.keySet())
                    .contains(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA)
                    .isSubsetOf(
                            Character.UnicodeScript.HAN,
                            Character.UnicodeScript.HIRAGANA,
                            Character.UnicodeScript.KATAKANA);
        } else {
            assertThat(scripts.keySet()).containsOnly(expected);
        }
    }

    /** The IPA of each preview: the voice reads every word in its own language, none through English. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eachEspeakPreset")
    void previewIsReadInTheVoicesOwnLanguage(PresetVoice preset) {
        String ipa = synth.phonemes(preset.engineVoiceId(), preset.previewText());

        assertThat(ipa).doesNotContain(ENGLISH_FALLBACK).doesNotContain("tʃˈaɪniːz");
        if (preset.language().equals("zh-CN")) {
            long hanzi = preset.previewText()
                    .codePoints()
                    .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    .count();
            // One tone per syllable: espeak-ng prints tones as digits, the dipping third tone as ɜ.
            assertThat(ipa.codePoints()
                            .filter(c -> (c >= '1' && c <= '5') || c == 'ɜ')
                            .count())
                    .isEqualTo(hanzi);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPreset")
    void previewSynthesisesSpeechOfPlausibleLength(PresetVoice preset) {
        SynthesisResult result = synth.synthesize(
                new SynthesisRequest(
                        preset.previewText(),
                        preset.engineVoiceId(),
                        1.0,
                        1.0,
                        1.0,
                        "neutral",
                        "wav",
                        22050,
                        true,
                        "word"),
                ProgressListener.NONE);
        DecodedAudio audio = AudioDecoder.decode(result.audio());
        float[] pcm = audio.mono();
        int[] speech = Silence.speechBounds(pcm, audio.sampleRate());
        double syllables = syllables(preset.previewText());

        assertThat(result.durationSeconds()).isBetween(0.06 * syllables, 0.5 * syllables);
        assertThat((double) (speech[1] - speech[0]) / pcm.length).isGreaterThan(0.8);
        assertThat(Dynamics.peak(pcm)).isGreaterThan(0.1f);
        assertThat(audibleFraction(pcm, audio.sampleRate())).isGreaterThan(0.5);
        assertThat(result.timestamps()).isNotEmpty();
    }

    /**
     * A rough syllable count of the written text: one per hanzi, kana or Hangul block, one per Devanagari
     * consonant or independent vowel, one per vowel group in Latin script.
     */
    private static double syllables(String text) {
        int count = 0;
        boolean inVowels = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            boolean vowel = false;
            switch (script) {
                case HAN, HIRAGANA, KATAKANA, HANGUL, DEVANAGARI -> count += Character.isLetter(c) ? 1 : 0;
                case LATIN -> {
                    char base = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFD)
                            .charAt(0);
                    vowel = "aeiouy".indexOf(Character.toLowerCase(base)) >= 0;
                    if (vowel && !inVowels) {
                        count++;
                    }
                }
                default -> {}
            }
            inVowels = vowel;
        }
        return count;
    }

    /** Share of 20 ms frames inside the speech that are louder than the quiet floor. */
    private static double audibleFraction(float[] pcm, int rate) {
        int frame = rate / 50;
        double threshold = Silence.audibleThreshold(pcm);
        int frames = 0;
        int audible = 0;
        for (int at = 0; at + frame <= pcm.length; at += frame) {
            frames++;
            if (!Silence.isQuiet(pcm, at, at + frame, threshold)) {
                audible++;
            }
        }
        return frames == 0 ? 0 : (double) audible / frames;
    }
}
