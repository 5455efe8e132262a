package io.voxify.inference.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JapaneseFrontEndTest {

    private static final JapaneseFrontEnd FRONT_END = JapaneseFrontEnd.shared();

    private static boolean isKanji(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    @Test
    void replacesKanjiWithTheirPronunciationInKatakana() {
        NormalizedText out = FRONT_END.prepare("日本語は難しいです", 0, 9);

        assertThat(out.text()).isEqualTo("ニホンゴワ ムズカシイデス");
        assertThat(out.text().codePoints().noneMatch(JapaneseFrontEndTest::isKanji))
                .isTrue();
    }

    @Test
    void speaksTheTopicParticleAsWaAndTheDirectionParticleAsE() {
        assertThat(FRONT_END.prepare("私は東京へ行きます", 0, 9).text()).isEqualTo("ワタシワ トーキョーエ イキマス");
    }

    @Test
    void keepsDigitsLatinAndUnknownKanaAsWritten() {
        String text = "2024年にAIを学ぶ";
        String out = FRONT_END.prepare(text, 0, text.length()).text();

        assertThat(out).contains("2024").contains("AI").contains("ネン").contains("マナブ");
    }

    @Test
    void tracesEachPhraseBackToItsSourceCharacters() {
        String text = "はい。日本語は難しいです。";
        NormalizedText out = FRONT_END.prepare(text, 3, text.length());
        int phrase = out.text().indexOf("ムズカシイデス");

        assertThat(out.sourceRange(0, out.text().indexOf(' '))).containsExactly(3, 7);
        assertThat(out.sourceRange(phrase, phrase + "ムズカシイデス".length())).containsExactly(7, 12);
    }

    @Test
    void isChosenForJapaneseVoicesOnly() {
        assertThat(LanguageFrontEnd.forLanguage("ja")).isSameAs(FRONT_END);
        assertThat(LanguageFrontEnd.forLanguage("ja-JP")).isSameAs(FRONT_END);
        assertThat(LanguageFrontEnd.forLanguage("cmn-latn-pinyin")).isSameAs(LanguageFrontEnd.IDENTITY);
        assertThat(LanguageFrontEnd.forLanguage("en-gb")).isSameAs(LanguageFrontEnd.ENGLISH);
    }
}
