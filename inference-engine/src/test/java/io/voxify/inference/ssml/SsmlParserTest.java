package io.voxify.inference.ssml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsmlParserTest {

    private static final int LIMIT = 10_000;

    private static SsmlDocument parse(String ssml) {
        return SsmlParser.parse(ssml, LIMIT);
    }

    private static SsmlException refused(String ssml) {
        try {
            parse(ssml);
        } catch (SsmlException e) {
            return e;
        }
        throw new AssertionError("accepted: " + ssml);
    }

    private static List<SsmlPiece.Speech> speech(SsmlDocument d) {
        return d.pieces().stream()
                .filter(SsmlPiece.Speech.class::isInstance)
                .map(SsmlPiece.Speech.class::cast)
                .toList();
    }

    @Test
    void plainTextInSpeakIsOnePieceTracedToTheDocument() {
        String doc = "<speak>Hello &amp; welcome.</speak>";
        SsmlDocument d = parse(doc);
        assertThat(d.pieces()).singleElement().isInstanceOf(SsmlPiece.Speech.class);
        SsmlPiece.Speech s = speech(d).get(0);
        assertThat(s.spoken().text()).isEqualTo("Hello & welcome.");
        int[] hello = s.spoken().sourceRange(0, 5);
        assertThat(doc.substring(hello[0], hello[1])).isEqualTo("Hello");
        int[] amp = s.spoken().sourceRange(6, 7);
        assertThat(doc.substring(amp[0], amp[1])).isEqualTo("&amp;");
        int[] welcome = s.spoken().sourceRange(8, 15);
        assertThat(doc.substring(welcome[0], welcome[1])).isEqualTo("welcome");
        assertThat(d.spokenCharacters()).isEqualTo("Hello & welcome.".length());
    }

    @Test
    void breaksMarksAndProsodySplitTheDocumentInOrder() {
        SsmlDocument d = parse("""
                <speak xmlns="http://www.w3.org/2001/10/synthesis" version="1.1">
                  One <mark name="m1"/> two <break time="1.5s"/> three
                  <prosody rate="slow" volume="+6dB">four <prosody pitch="+2st" rate="150%">five</prosody></prosody>
                  <break strength="strong"/><break/><break time="250ms"/>
                </speak>""");
        List<SsmlPiece> p = d.pieces();
        assertThat(p).hasSize(10);
        assertThat(((SsmlPiece.Speech) p.get(0)).spoken().text().strip()).isEqualTo("One");
        assertThat(((SsmlPiece.Mark) p.get(1)).name()).isEqualTo("m1");
        assertThat(((SsmlPiece.Pause) p.get(3)).seconds()).isEqualTo(1.5);
        assertThat(((SsmlPiece.Speech) p.get(4)).spoken().text().strip()).isEqualTo("three");
        SsmlPiece.Speech four = (SsmlPiece.Speech) p.get(5);
        assertThat(four.spoken().text().strip()).isEqualTo("four");
        assertThat(four.prosody().rate()).isEqualTo(0.75);
        assertThat(four.prosody().volume()).isCloseTo(1.995, within(0.001));
        SsmlPiece.Speech five = (SsmlPiece.Speech) p.get(6);
        assertThat(five.prosody().rate()).as("nested rates multiply").isCloseTo(0.75 * 1.5, within(1e-9));
        assertThat(five.prosody().pitch()).isCloseTo(Math.pow(2, 2 / 12.0), within(1e-9));
        assertThat(five.prosody().volume()).as("inherited").isCloseTo(1.995, within(0.001));
        assertThat(p.subList(7, 10))
                .extracting(x -> ((SsmlPiece.Pause) x).seconds())
                .containsExactly(0.75, 0.4, 0.25);
    }

    @Test
    void markOffsetsPointAtTheMarkInTheDocument() {
        String doc = "<speak>Hi <mark name=\"here\"/>there</speak>";
        SsmlPiece.Mark mark = (SsmlPiece.Mark) parse(doc).pieces().get(1);
        assertThat(doc.substring(mark.offset())).startsWith("<mark");
    }

    @Test
    void subSpeaksTheAliasTracedToTheWrittenText() {
        String doc = "<speak>The <sub alias=\"World Wide Web Consortium\">W3C</sub> agreed.</speak>";
        SsmlPiece.Speech s = speech(parse(doc)).get(0);
        assertThat(s.spoken().text()).isEqualTo("The World Wide Web Consortium agreed.");
        int[] alias = s.spoken().sourceRange(4, 29);
        assertThat(doc.substring(alias[0], alias[1])).isEqualTo("W3C");
    }

    @Test
    void sayAsReadsByLanguage() {
        String doc = "<speak><say-as interpret-as=\"cardinal\">1,234</say-as> <say-as interpret-as=\"characters\">AB1"
                + "</say-as> <say-as interpret-as=\"date\" format=\"mdy\">3/15/2024</say-as>"
                + " <say-as interpret-as=\"date\">2024-03-15</say-as></speak>";
        List<SsmlPiece.Speech> s = speech(parse(doc));
        assertThat(s).hasSize(4);
        assertThat(s.get(0).textFor("en-us").text()).isEqualTo("one thousand two hundred thirty-four");
        assertThat(s.get(0).textFor("fr-fr").text()).isEqualTo("1234");
        assertThat(s.get(1).textFor("en-us").text()).isEqualTo("ay, bee, one");
        assertThat(s.get(1).textFor("de").text()).isEqualTo("A, B, 1");
        int[] b = s.get(1).textFor("en-us").sourceRange(4, 7);
        assertThat(doc.substring(b[0], b[1])).isEqualTo("B");
        assertThat(s.get(2).textFor("en-us").text()).isEqualTo("March fifteenth, twenty twenty-four");
        assertThat(s.get(3).textFor("en-gb").text()).isEqualTo("March fifteenth, twenty twenty-four");
        assertThat(s.get(2).textFor("de").text()).isEqualTo("3 15 2024");
    }

    @Test
    void langSetsThePieceLanguage() {
        List<SsmlPiece.Speech> s = speech(parse("<speak>Hello <lang xml:lang=\"fr-FR\">bonjour</lang> again</speak>"));
        assertThat(s).extracting(SsmlPiece.Speech::language).containsExactly(null, "fr-fr", null);
        assertThat(s.get(1).spoken().text()).isEqualTo("bonjour");
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        SsmlException e = refused("<speak>\n  Hello <break time=\"1s\">\n</speak>");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.reason()).startsWith("malformed XML").contains("break");
        assertThat(e.getMessage()).contains("line 3, column 3");
    }

    @Test
    void unknownElementsAreRefusedWhereTheyStart() {
        SsmlException e = refused("<speak>\nHello <audio src=\"x.wav\"/> there</speak>");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.reason()).contains("unknown element <audio>");
        assertThat(refused(
                                "<speak xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\"/></speak>")
                        .reason())
                .contains("unknown element <xi:include>");
        assertThat(refused("<voice>Hi</voice>").reason()).contains("unknown element");
        assertThat(refused("<prosody rate=\"slow\">Hi</prosody>").reason()).contains("root element must be <speak>");
    }

    @Test
    void unknownAttributesAreRefused() {
        SsmlException e = refused("<speak>Hi <prosody rate=\"slow\" duration=\"2s\">there</prosody></speak>");
        assertThat(e.reason()).contains("attribute duration is not allowed on <prosody>");
        assertThat(e.column()).isEqualTo(11);
        assertThat(refused("<speak><break time=\"1s\" foo=\"x\"/>Hi</speak>").reason())
                .contains("foo");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<speak>Hi <break time=\"11s\"/></speak>|at most 10s",
                "<speak>Hi <break time=\"soon\"/></speak>|time must be like",
                "<speak>Hi <break strength=\"huge\"/></speak>|strength must be one of",
                "<speak><prosody rate=\"400%\">Hi</prosody></speak>|outside 0.5 to 3.0",
                "<speak><prosody rate=\"x-slow\"><prosody rate=\"0.2\">Hi</prosody></prosody></speak>|outside 0.5 to 3.0",
                "<speak><prosody pitch=\"+13st\">Hi</prosody></speak>|outside 0.5 to 2.0",
                "<speak><prosody pitch=\"200Hz\">Hi</prosody></speak>|pitch must be",
                "<speak><prosody volume=\"+7dB\">Hi</prosody></speak>|outside 0.0 to 2.0",
                "<speak><prosody volume=\"loudest\">Hi</prosody></speak>|volume must be",
                "<speak><prosody>Hi</prosody></speak>|needs rate, pitch or volume",
                "<speak><say-as interpret-as=\"cardinal\">twelve</say-as></speak>|needs a number",
                "<speak><say-as interpret-as=\"date\" format=\"mdy\">13/01/2024</say-as></speak>|month must be 1 to 12",
                "<speak><say-as interpret-as=\"date\" format=\"dmy\">31/02/2024</say-as></speak>|day must be 1 to 29",
                "<speak><say-as interpret-as=\"date\">15 March</say-as></speak>|needs format",
                "<speak><say-as interpret-as=\"telephone\">123</say-as></speak>|interpret-as must be one of",
                "<speak><say-as interpret-as=\"cardinal\">1<break/></say-as></speak>|may contain only text",
                "<speak><sub>WWW</sub></speak>|needs the alias attribute",
                "<speak><mark/>Hi</speak>|needs the name attribute",
                "<speak><break>now</break>Hi</speak>|must be empty",
                "<speak><lang xml:lang=\"not a language\">Hi</lang></speak>|language tag",
                "<speak>Hi<speak>again</speak></speak>|only be the root",
                "<speak><?php echo 1; ?>Hi</speak>|processing instructions",
                "<speak> <break time=\"1s\"/> <mark name=\"a\"/> </speak>|no text to speak",
            })
    void refusesWithAReason(String ssml, String reason) {
        assertThat(refused(ssml).reason()).contains(reason);
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE speak [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <speak>&b;</speak>""";
        SsmlException e = refused(laughs);
        assertThat(e.reason()).contains("DOCTYPE is not allowed");
        assertThat(e.line()).isEqualTo(2);
        assertThat(refused("<!DOCTYPE speak SYSTEM \"file:///etc/passwd\"><speak>x</speak>")
                        .reason())
                .contains("DOCTYPE");
        assertThat(refused("<speak>&xxe;</speak>").reason()).contains("xxe");
    }

    @Test
    void breaksAddUpToAtMostAMinute() {
        String six = "<break time=\"10s\"/>".repeat(6);
        assertThat(parse("<speak>Hi " + six + "</speak>").pieces()).hasSize(7);
        SsmlException e = refused("<speak>Hi " + six + "<break time=\"1ms\"/></speak>");
        assertThat(e.reason()).contains("more than 60s");
        assertThat(e.column()).isEqualTo(11 + six.length());
    }

    @Test
    void textIsTracedThroughLineEndsCdataAndCharacterReferences() {
        String doc = "<speak>\r\nOne &#x41;\r\ntwo <![CDATA[x < y]]> &lt;three&gt;</speak>";
        SsmlPiece.Speech s = speech(parse(doc)).get(0);
        String text = s.spoken().text();
        assertThat(text).isEqualTo("\nOne A\ntwo x < y <three>");
        for (String word : new String[] {"two", "three", "One", "y"}) {
            int at = text.indexOf(word);
            int[] range = s.spoken().sourceRange(at, at + word.length());
            assertThat(doc.substring(range[0], range[1])).isEqualTo(word);
        }
        int[] a = s.spoken().sourceRange(text.indexOf('A'), text.indexOf('A') + 1);
        assertThat(doc.substring(a[0], a[1])).isEqualTo("&#x41;");
        assertThat(refused("<speak>\r\n\r\n  <foo/></speak>").line()).isEqualTo(3);
        assertThat(refused("<speak>\r\n\r\n  <foo/></speak>").column()).isEqualTo(3);
    }

    @Test
    void nestingIsLimited() {
        String deep = "<prosody rate=\"1\">".repeat(40) + "Hi" + "</prosody>".repeat(40);
        assertThat(refused("<speak>" + deep + "</speak>").reason()).contains("nested more than");
    }

    @Test
    void theDocumentIsLimitedToTheTextLimitMarkupIncluded() {
        String doc = "<speak>" + "a".repeat(100) + "</speak>";
        assertThat(SsmlParser.parse(doc, doc.length()).spokenCharacters()).isEqualTo(100);
        assertThatThrownBy(() -> SsmlParser.parse(doc, doc.length() - 1))
                .isInstanceOf(SsmlException.class)
                .hasMessageContaining("at most " + (doc.length() - 1));
    }

    @Test
    void prosodyFormsMapToFactors() {
        assertThat(ProsodyValues.rate("slow")).isEqualTo(0.75);
        assertThat(ProsodyValues.rate("150%")).isEqualTo(1.5);
        assertThat(ProsodyValues.pitch("high")).isEqualTo(1.2);
        assertThat(ProsodyValues.pitch("-10%")).isCloseTo(0.9, within(1e-9));
        assertThat(ProsodyValues.pitch("+12st")).isCloseTo(2.0, within(1e-9));
        assertThat(ProsodyValues.volume("loud")).isEqualTo(1.5);
        assertThat(ProsodyValues.volume("-6dB")).isCloseTo(0.501, within(0.001));
        assertThat(ProsodyValues.volume("+6dB")).isCloseTo(2.0, within(0.01));
    }
}
