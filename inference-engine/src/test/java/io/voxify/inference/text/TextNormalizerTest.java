package io.voxify.inference.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I have 3 cats.                 | I have three cats.
            It costs $5.                   | It costs five dollars.
            It costs $1.                   | It costs one dollar.
            Pay $3.50 now                  | Pay three dollars and fifty cents now
            Only $0.99                     | Only ninety-nine cents
            About €2,500                   | About two thousand five hundred euros
            A £2 million deal              | A two million pounds deal
            Pi is 3.14                     | Pi is three point one four
            It was -5 degrees              | It was minus five degrees
            Growth of 12.5%                | Growth of twelve point five percent
            She came 1st and he 22nd       | She came first and he twenty-second
            the 103rd time                 | the one hundred third time
            Born in 1999                   | Born in nineteen ninety-nine
            In 2005 and 2024               | In two thousand five and twenty twenty-four
            In 1805                        | In eighteen oh five
            1,234,567 people               | one million two hundred thirty-four thousand five hundred sixty-seven people
            On 2024-01-15 we met           | On January fifteenth, twenty twenty-four we met
            See you at 10:30               | See you at ten thirty
            Meet at 7:05 pm                | Meet at seven oh five pee em
            Dinner at 6:00                 | Dinner at six o'clock
            Dr. Smith lives on Main St.    | Doctor Smith lives on Main Street.
            Mr. and Mrs. Jones             | Mister and Missus Jones
            St. Paul's                     | Saint Paul's
            cats vs. dogs                  | cats versus dogs
            fruit, e.g. apples             | fruit, for example apples
            """)
    void expandsEnglish(String input, String expected) {
        assertThat(TextNormalizer.normalize(input).text()).isEqualTo(expected);
    }

    @Test
    void readsTheNumberAfterNo() {
        assertThat(TextNormalizer.normalize("That is No. 7").text()).isEqualTo("That is number seven");
    }

    @Test
    void leavesPlainTextAlone() {
        String text = "Nothing to change here, really!";
        assertThat(TextNormalizer.normalize(text).text()).isEqualTo(text);
    }

    @Test
    void separatesExpansionsFromAdjacentLetters() {
        assertThat(TextNormalizer.normalize("5kg").text()).isEqualTo("five kg");
    }

    @Test
    void tracesExpandedWordsBackToTheirSourceToken() {
        String text = "He paid $5 on 2024-01-15.";
        NormalizedText n = TextNormalizer.normalize(text);
        int dollars = n.text().indexOf("dollars");
        int[] range = n.sourceRange(dollars, dollars + "dollars".length());
        assertThat(text.substring(range[0], range[1])).isEqualTo("$5");
        int january = n.text().indexOf("January");
        int[] date = n.sourceRange(january, january + 7);
        assertThat(text.substring(date[0], date[1])).isEqualTo("2024-01-15");
        int paid = n.text().indexOf("paid");
        int[] same = n.sourceRange(paid, paid + 4);
        assertThat(same).containsExactly(3, 7);
    }

    @Test
    void keepsOffsetsOfASentenceInsideALargerText() {
        String text = "First. Then 42 birds.";
        NormalizedText n = TextNormalizer.normalize(text, 7, text.length());
        assertThat(n.text()).isEqualTo("Then forty-two birds.");
        int birds = n.text().indexOf("birds");
        assertThat(n.sourceRange(birds, birds + 5)).containsExactly(15, 20);
    }

    @Test
    void spellsNumbersInWords() {
        assertThat(NumberWords.cardinal(0)).isEqualTo("zero");
        assertThat(NumberWords.cardinal(1_000_001)).isEqualTo("one million one");
        assertThat(NumberWords.cardinal(90_210)).isEqualTo("ninety thousand two hundred ten");
        assertThat(NumberWords.ordinal(40)).isEqualTo("fortieth");
        assertThat(NumberWords.ordinal(1_000)).isEqualTo("one thousandth");
        assertThat(NumberWords.year(1900)).isEqualTo("nineteen hundred");
        assertThat(NumberWords.year(2000)).isEqualTo("two thousand");
        assertThat(NumberWords.year(2010)).isEqualTo("twenty ten");
    }
}
