package io.voxify.inference.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.SpeechSynthesizer;
import java.text.Normalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What espeak-ng actually says for text in each script, read from the IPA it produces: a voice that does not
 * read its script either falls back to English inside "(en)…" marks or says nothing of the words.
 */
class LanguagePhonemesTest {

    private static final String ENGLISH_FALLBACK = "(en)";
    /** espeak-ng's English "Chinese letter", said for each kanji a Japanese voice cannot read. */
    private static final String CHINESE_LETTER = "tʃˈaɪniːz";

    private static SpeechSynthesizer synth;

    @BeforeAll
    static void load() {
        synth = new SpeechSynthesizer();
    }

    @AfterAll
    static void close() {
        synth.close();
    }

    /**
     * espeak-ng's Mandarin tones: its tone phonemes print as digits, except the dipping third tone, which
     * prints as ɜ.
     */
    private static final String TONE = "[1-5ɜ]";

    /**
     * IPA without stress, length, diacritics and the lip-compression mark on Japanese u, so that sounds can be
     * matched as plain letters ("ɡ" stays the IPA letter, not ASCII g).
     */
    private static String plain(String ipa) {
        return Normalizer.normalize(ipa, Normalizer.Form.NFD).replaceAll("[ˈˌːˑᵝ\\p{M}]", "");
    }

    @Test
    void mandarinHanziBecomeTonedMandarinSyllablesNotEnglishWords() {
        String ipa = synth.phonemes("espeak:cmn-latn-pinyin", "你好");

        assertThat(plain(ipa)).matches("ni" + TONE + " χɑu" + TONE).doesNotContain("θɹ");
        assertThat(ipa).doesNotContain(ENGLISH_FALLBACK);
    }

    @Test
    void theLatinAsEnglishMandarinVoiceIsTheOneThatSaysThree() {
        // Why the presets use cmn-latn-pinyin: Debian's 1.51 cmn voice reads 你好 as "ni three hei three".
        assertThat(synth.phonemes("espeak:cmn", "你好"))
                .contains(ENGLISH_FALLBACK)
                .contains("θɹ");
    }

    @Test
    void longerMandarinSentenceHasATonePerSyllable() {
        String text = "今天天气很好";
        String ipa = synth.phonemes("espeak:cmn-latn-pinyin", text);

        assertThat(ipa).doesNotContain(ENGLISH_FALLBACK);
        assertThat(plain(ipa).split(" "))
                .hasSize(text.length())
                .allMatch(syllable -> syllable.matches(".*" + TONE + ".*"));
    }

    @Test
    void japaneseKanjiAreSpokenThroughTheirReadings() {
        String ipa = synth.phonemes("espeak:ja", "日本語は難しいです");

        assertThat(ipa).doesNotContain(CHINESE_LETTER).doesNotContain(ENGLISH_FALLBACK);
        assertThat(plain(ipa)).contains("nihoŋɡowa").contains("mɯzɯkaɕidesɯ");
    }

    @Test
    void japaneseVariantsGetTheFrontEndToo() {
        String ipa = synth.phonemes("espeak:ja+f3", "東京へ行きます");

        assertThat(ipa).doesNotContain(CHINESE_LETTER);
        assertThat(plain(ipa)).contains("tookʲooe").contains("ikimasɯ");
    }

    @Test
    void japaneseKanaAreSpokenAsPronouncedNotAsSpelled() {
        // Written with は, said with wa: espeak-ng alone would say "ha".
        assertThat(plain(synth.phonemes("espeak:ja", "こんにちは"))).isEqualTo("konnitɕiwa");
    }

    @Test
    void koreanHangulIsReadAsKoreanSyllables() {
        String ipa = synth.phonemes("espeak:ko", "안녕하세요");

        assertThat(ipa).doesNotContain(ENGLISH_FALLBACK);
        assertThat(plain(ipa)).contains("nnjʌŋ").contains("hɐsejo");
    }

    @Test
    void hindiDevanagariIsReadAsHindi() {
        String ipa = synth.phonemes("espeak:hi", "नमस्ते");

        assertThat(ipa).doesNotContain(ENGLISH_FALLBACK);
        assertThat(plain(ipa)).contains("nəmʌste");
    }

    @Test
    void europeanVoicesReadTheirOwnSpelling() {
        assertThat(plain(synth.phonemes("espeak:de", "Guten Tag"))).isEqualTo("ɡutən tɑk");
        assertThat(plain(synth.phonemes("espeak:fr-fr", "Bonjour"))).isEqualTo("bɔʒuʁ");
        assertThat(plain(synth.phonemes("espeak:es", "Buenos días"))).isEqualTo("bwenos ðias");
        assertThat(plain(synth.phonemes("espeak:it", "Buongiorno"))).isEqualTo("bʊondʒɔrno");
        assertThat(plain(synth.phonemes("espeak:pt-br", "Obrigado"))).isEqualTo("obriɡadʊ");
        assertThat(plain(synth.phonemes("espeak:en-gb", "Good morning"))).isEqualTo("ɡʊd mɔnɪŋ");
    }
}
