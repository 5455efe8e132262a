package io.voxify.inference.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(TextSpan::text).toList();
    }

    @Test
    void splitsOnTerminalPunctuation() {
        assertThat(sentences("Hello there. How are you? Great! Fine…"))
                .containsExactly("Hello there.", "How are you?", "Great!", "Fine…");
    }

    @Test
    void keepsAbbreviationsDecimalsAndInitialsInsideTheSentence() {
        assertThat(sentences("Dr. Smith paid $3.50 for J. R. R. Tolkien's book, e.g. The Hobbit. Then he left."))
                .containsExactly("Dr. Smith paid $3.50 for J. R. R. Tolkien's book, e.g. The Hobbit.", "Then he left.");
    }

    @Test
    void splitsAfterAnEllipsisAndKeepsClosingQuotes() {
        assertThat(sentences("He said \"Stop!\" Then... silence. (Really?) Yes."))
                .containsExactly("He said \"Stop!\"", "Then...", "silence.", "(Really?)", "Yes.");
    }

    @Test
    void splitsCjkSentencesWithoutSpaces() {
        assertThat(sentences("你好。今天天气很好！你呢？")).containsExactly("你好。", "今天天气很好！", "你呢？");
        assertThat(sentences("こんにちは。元気ですか？")).containsExactly("こんにちは。", "元気ですか？");
    }

    @Test
    void treatsABlankLineAsABoundary() {
        assertThat(sentences("A heading\n\nThe body text")).containsExactly("A heading", "The body text");
    }

    @Test
    void keepsSourceOffsets() {
        String text = "  One.  Two?  ";
        List<TextSpan> spans = SentenceSplitter.split(text);
        assertThat(spans).hasSize(2);
        for (TextSpan s : spans) {
            assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        }
    }

    @Test
    void dropsFragmentsWithNothingToSay() {
        assertThat(sentences("... !!! ?")).isEmpty();
    }

    @Test
    void cutsOverlongSentencesAtAComma() {
        String clause = "this clause keeps going without any full stop at all, ";
        String text = clause.repeat(30);
        List<TextSpan> spans = SentenceSplitter.split(text);
        assertThat(spans.size()).isGreaterThan(1);
        assertThat(spans)
                .allSatisfy(
                        s -> assertThat(s.text().length()).isLessThanOrEqualTo(SentenceSplitter.MAX_SENTENCE_CHARS));
        assertThat(spans.get(0).text()).endsWith(",");
    }
}
