package io.voxify.inference.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.Timestamp;
import io.voxify.inference.audio.Pauses;
import io.voxify.inference.engine.WordTiming;
import io.voxify.inference.text.LanguageFrontEnd;
import io.voxify.inference.text.NormalizedText;
import io.voxify.inference.text.TextSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Engine word times carried through post-processing and onto the request text. */
class WordAlignmentTest {

    private static final int RATE = 1000;

    private static WordTiming word(String spoken, String word, double start, double end) {
        int at = spoken.indexOf(word);
        return new WordTiming(at, at + word.length(), start, end);
    }

    @Test
    void onlySilencesBetweenWordsLongEnoughToBePausesAreFound() {
        List<WordTiming> words = List.of(
                new WordTiming(0, 1, 0.10, 0.50),
                new WordTiming(2, 3, 0.51, 0.90),
                new WordTiming(4, 5, 1.20, 1.60),
                new WordTiming(6, 7, 1.90, 2.40));

        // The audio was trimmed to start at sample 100 and is 1.6 s long: the last gap runs past its end.
        List<int[]> gaps = WordAlignment.gapsBetweenWords(words, 100, 1600, RATE);

        assertThat(gaps).containsExactly(new int[] {800, 1100}, new int[] {1500, 1600});
    }

    @Test
    void wordTimesFollowTheTrimAndTheStretchAndStayInsideTheSentence() {
        List<WordTiming> engine = List.of(new WordTiming(0, 5, 0.2, 0.6), new WordTiming(6, 11, 0.6, 1.4));
        Pauses.Scaled unchanged = Pauses.scale(new float[1300], RATE, List.of(), 1.0);

        List<WordTiming> out = WordAlignment.throughProcessing(engine, 0.1, unchanged, 2.0, 0.6);

        assertThat(out.get(0).start()).isCloseTo(0.05, within(1e-12));
        assertThat(out.get(0).end()).isCloseTo(0.25, within(1e-12));
        assertThat(out.get(1).start()).isCloseTo(0.25, within(1e-12));
        assertThat(out.get(1).end()).as("clipped to the processed sentence").isEqualTo(0.6);
    }

    @Test
    void wordTimesMoveWithALengthenedPause() {
        List<WordTiming> engine = List.of(new WordTiming(0, 1, 0.0, 0.4), new WordTiming(2, 3, 0.6, 1.0));
        Pauses.Scaled doubled = Pauses.scale(new float[1000], RATE, List.of(new int[] {400, 600}), 2.0);

        List<WordTiming> out = WordAlignment.throughProcessing(engine, 0, doubled, 1.0, 1.2);

        assertThat(out.get(1).start()).isCloseTo(0.8, within(1e-9));
        assertThat(out.get(1).end()).isCloseTo(1.2, within(1e-9));
    }

    @Test
    void wordsOneWrittenTokenWasSpokenAsBecomeOneTimestampOverTheToken() {
        String source = "Pay $5 now.";
        NormalizedText spoken = LanguageFrontEnd.ENGLISH.prepare(source, 0, source.length());
        String text = spoken.text();
        List<WordTiming> engine = List.of(
                word(text, "Pay", 0.0, 0.2),
                word(text, "five", 0.2, 0.4),
                word(text, "dollars", 0.4, 0.8),
                word(text, "now", 0.8, 1.0));

        List<Timestamp> out = WordAlignment.onText(source, spoken, engine, 2.0, 3.5);

        assertThat(out).extracting(Timestamp::text).containsExactly("Pay", "$5", "now");
        Timestamp money = out.get(1);
        assertThat(List.of(money.start(), money.end())).containsExactly(2.2, 2.8);
        assertThat(List.of(money.charStart(), money.charEnd())).containsExactly(4, 6);
    }

    @Test
    void piecesOfOneWrittenWordAreOneWordOnThePage() {
        String source = "The e-mail isn't here.";
        NormalizedText spoken = NormalizedText.identity(source, 0);
        List<WordTiming> engine = List.of(
                word(source, "The", 0.0, 0.1),
                word(source, "e-", 0.1, 0.2),
                word(source, "mail", 0.2, 0.4),
                word(source, "isn", 0.4, 0.6),
                word(source, "here", 0.6, 0.9));

        List<Timestamp> out = WordAlignment.onText(source, spoken, engine, 0, 1);

        assertThat(out).extracting(Timestamp::text).containsExactly("The", "e-mail", "isn't", "here");
        assertThat(out.get(1).start()).isEqualTo(0.1);
        assertThat(out.get(1).end()).isEqualTo(0.4);
    }

    @Test
    void aWordNeverStartsBeforeThePreviousEndedNorEndsAfterItsChunk() {
        String source = "one two three";
        NormalizedText spoken = NormalizedText.identity(source, 0);
        List<WordTiming> engine =
                List.of(word(source, "one", 0.0, 0.5), word(source, "two", 0.3, 0.6), word(source, "three", 0.7, 1.3));

        List<Timestamp> out = WordAlignment.onText(source, spoken, engine, 1.0, 2.0);

        assertThat(out.get(1).start()).isEqualTo(1.5);
        assertThat(out.get(2).end()).isEqualTo(2.0);
    }

    @Test
    void aSentenceRunsFromItsFirstWordToItsLastButNoFurtherInThanTheKeptEdge() {
        TextSpan sentence = new TextSpan("Hi there.", 10, 19);
        List<Timestamp> words = List.of(
                new Timestamp("Hi", "word", 1.2, 1.4, 10, 12), new Timestamp("there", "word", 1.5, 1.8, 13, 18));

        Timestamp wide = WordAlignment.sentence(sentence, words, 1.0, 2.5, 0.03);
        Timestamp tight = WordAlignment.sentence(sentence, words, 1.19, 1.81, 0.03);
        Timestamp wordless = WordAlignment.sentence(sentence, List.of(), 1.0, 2.5, 0.03);

        assertThat(List.of(wide.start(), wide.end())).containsExactly(1.03, 2.47);
        assertThat(List.of(tight.start(), tight.end())).containsExactly(1.2, 1.8);
        assertThat(List.of(wordless.start(), wordless.end())).containsExactly(1.0, 2.5);
        assertThat(List.of(wide.type(), wide.text(), "" + wide.charStart(), "" + wide.charEnd()))
                .containsExactly("sentence", "Hi there.", "10", "19");
    }

    @Test
    void aMarkIsNeverPlacedPastTheEndOfTheAudio() {
        Timestamp mark = WordAlignment.mark("here", 42, 2, 3);

        assertThat(mark.start()).isEqualTo(0.6666);
        assertThat(mark.end()).isEqualTo(0.6666);
        assertThat(mark.type()).isEqualTo(Timestamp.MARK);
        assertThat(List.of(mark.charStart(), mark.charEnd())).containsExactly(42, 42);
    }
}
