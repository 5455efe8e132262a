package io.voxify.inference.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.Emotion;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.SynthesisRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests checked and planned without any engine: the catalogue is a map of voices. */
class SpeechPlannerTest {

    private static final Voice SLT = new Voice("flite:slt", true, "slt", "en-us", null, 0);
    private static final Voice EN_US = new Voice("espeak:en-us", false, "en-us", "en-us", null, 0);
    private static final Voice FR_FR = new Voice("espeak:fr-fr", false, "fr", "fr-fr", null, 0);
    private static final Voice DE = new Voice("espeak:de", false, "de", "de", null, 0);
    private static final Map<String, Voice> CATALOGUE =
            Map.of("espeak:en-us", EN_US, "espeak:fr-fr", FR_FR, "espeak:fr", FR_FR, "espeak:de", DE);
    private static final Settings NEUTRAL = new Settings(1, 1, 1, 1, "wav", 22050, false, 1, 0, 1);

    private final SpeechPlanner planner = new SpeechPlanner(id -> CATALOGUE.get(id.toLowerCase(Locale.ROOT)));

    private static SynthesisRequest request(String text, double speed, String emotion) {
        return new SynthesisRequest(text, "flite:slt", speed, 1.0, 1.0, emotion, "MP3 ", 16000, true, "Sentence");
    }

    private static List<Step.Say> says(Plan plan) {
        return plan.says();
    }

    @Test
    void theEmotionIsMultipliedOntoTheRequestAndNamesAreReadLoosely() {
        Settings s = SpeechPlanner.validate(request("Hi.", 1.5, "happy"));

        assertThat(s.speed()).isEqualTo(1.5 * Emotion.HAPPY.speed());
        assertThat(s.pitch()).isEqualTo(Emotion.HAPPY.pitch());
        assertThat(s.range()).isEqualTo(Emotion.HAPPY.range());
        assertThat(s.volume()).isEqualTo(Emotion.HAPPY.volume());
        assertThat(s.format()).isEqualTo("mp3");
        assertThat(s.sentenceGranularity()).isTrue();
        assertThat(List.of(s.formantScale(), s.breathiness(), s.pauseFactor())).containsExactly(1.0, 0.0, 1.0);
    }

    @Test
    void textLengthIsCountedInCodePointsAsTheApiCountsIt() {
        String emoji = "\uD83D\uDE00".repeat(SpeechPlanner.MAX_TEXT_CHARS);

        assertThat(SpeechPlanner.validate(request(emoji, 1, null))).isNotNull();
        assertThatThrownBy(() -> SpeechPlanner.validate(request(emoji + "a", 1, null)))
                .isInstanceOfSatisfying(
                        SynthesisException.class,
                        e -> assertThat(e.code()).isEqualTo(SynthesisException.TEXT_TOO_LONG));
    }

    @Test
    void plainTextIsOneStepPerSentenceEachTracedToTheSourceAndEndingASentence() {
        String text = "It costs $5. Then it stops!";
        Plan plan = planner.plan(text, false, SLT, NEUTRAL);

        assertThat(plan.sentences()).isEqualTo(2);
        Step.Say first = says(plan).get(0);
        Step.Say second = says(plan).get(1);
        assertThat(first.sentence().text()).isEqualTo("It costs $5.");
        assertThat(text.substring(second.sentence().start(), second.sentence().end()))
                .isEqualTo("Then it stops!");
        // English is spelled out for the engine, and each spoken word still points at what was written.
        String spoken = first.text().text();
        int five = spoken.indexOf("five");
        assertThat(five).isNotNegative();
        int[] source = first.text().sourceRange(five, five + 4);
        assertThat(text.substring(source[0], source[1])).isEqualTo("$5");
        assertThat(says(plan)).allMatch(Step.Say::endsSentence).allMatch(s -> s.voice() == SLT);
    }

    @Test
    void aTextWithNothingToSayIsRefused() {
        assertThatThrownBy(() -> planner.plan("...", false, SLT, NEUTRAL))
                .isInstanceOfSatisfying(
                        SynthesisException.class, e -> assertThat(e.code()).isEqualTo(SynthesisException.EMPTY_TEXT));
    }

    @Test
    void ssmlProsodyMultipliesTheRequestAndStaysWithinTheApisRanges() {
        Settings fast = new Settings(2.5, 1.5, 1.2, 1.5, "wav", 22050, false, 1.1, 0.2, 1.5);
        Plan plan = planner.plan(
                "<speak><prosody rate=\"150%\" pitch=\"+12st\" volume=\"+6dB\">Quick.</prosody>"
                        + " <prosody rate=\"50%\">Slow.</prosody></speak>",
                true, SLT, fast);

        Settings quick = says(plan).get(0).settings();
        assertThat(quick.speed()).isEqualTo(3.0);
        assertThat(quick.pitch()).isEqualTo(2.0);
        assertThat(quick.volume()).isEqualTo(2.0);
        assertThat(List.of(quick.range(), quick.formantScale(), quick.breathiness(), quick.pauseFactor()))
                .as("what prosody does not touch is the request's")
                .containsExactly(1.2, 1.1, 0.2, 1.5);
        assertThat(says(plan).get(1).settings().speed()).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void breaksAreSilenceAndMarksAreInstantsAtTheirPlaceInTheDocument() {
        String doc = "<speak>One. <mark name=\"m\"/><break time=\"400ms\"/>Two.</speak>";
        Plan plan = planner.plan(doc, true, SLT, NEUTRAL);

        assertThat(plan.steps()).hasSize(4);
        assertThat(plan.steps().get(0)).isInstanceOf(Step.Say.class);
        Step.Mark mark = (Step.Mark) plan.steps().get(1);
        assertThat(mark.name()).isEqualTo("m");
        assertThat(doc.substring(mark.offset())).startsWith("<mark");
        assertThat(plan.steps().get(2)).isEqualTo(new Step.Pause(0.4));
        Step.Say two = (Step.Say) plan.steps().get(3);
        assertThat(doc.substring(two.sentence().start(), two.sentence().end())).isEqualTo("Two.");
    }

    @Test
    void onlyTheLastPartOfASentenceSplitByMarkupGetsTheSentencePause() {
        Plan plan = planner.plan(
                "<speak>Hello <prosody pitch=\"high\">there</prosody> friend.</speak>", true, SLT, NEUTRAL);

        assertThat(says(plan)).extracting(Step.Say::endsSentence).containsExactly(false, false, true);
    }

    @Test
    void aFliteVoiceHandsAnotherLanguageToEspeakButKeepsItsOwn() {
        Plan plan = planner.plan(
                "<speak><lang xml:lang=\"fr-FR\">Bonjour.</lang> <lang xml:lang=\"en-GB\">Hi.</lang>"
                        + " <lang xml:lang=\"xx\">Eh.</lang></speak>",
                true,
                SLT,
                NEUTRAL);

        assertThat(says(plan)).extracting(Step.Say::voice).containsExactly(FR_FR, SLT, SLT);
    }

    @Test
    void anEspeakVoiceSpeaksATagWithTheVoiceOfThatTagElseOfItsPrimaryLanguage() {
        Plan plan = planner.plan(
                "<speak><lang xml:lang=\"fr-FR\">Un.</lang> <lang xml:lang=\"fr-CA\">Deux.</lang>"
                        + " <lang xml:lang=\"en-GB\">Three.</lang> <lang xml:lang=\"de-AT\">Vier.</lang></speak>",
                true,
                EN_US,
                NEUTRAL);

        assertThat(says(plan)).extracting(Step.Say::voice).containsExactly(FR_FR, FR_FR, EN_US, DE);
    }
}
