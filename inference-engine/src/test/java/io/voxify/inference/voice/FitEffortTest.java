package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.inference.SpeechSynthesizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality levels of a fit do measurably different amounts of work (renderings and seconds of speech
 * synthesised and measured), each reports every step of its plan, and each still fits the speaker.
 */
class FitEffortTest {
    private static SpeechSynthesizer synthesizer;
    private static SpeakerEncoder encoder;
    private static VoiceFitter fitter;
    private static CloneTarget reader;

    @BeforeAll
    static void start() {
        synthesizer = new SpeechSynthesizer();
        encoder = SpeakerEncoder.createDefault();
        fitter = new VoiceFitter(synthesizer, encoder);
        reader = SpeechMeasures.target(
                List.of(HumanSpeech.clip(HumanSpeech.CLIP_A), HumanSpeech.clip(HumanSpeech.CLIP_B)), encoder, "en");
    }

    @AfterAll
    static void stop() {
        encoder.close();
        synthesizer.close();
    }

    /** Every step the listener heard, in order. */
    private record Steps(List<String> stages, List<Integer> done, List<Integer> planned) implements FitListener {
        Steps() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public void step(String stage, int step, int steps) {
            stages.add(stage);
            done.add(step);
            planned.add(steps);
        }
    }

    @Test
    void eachQualityDoesMoreWorkThanTheOneBeforeAndStillFitsTheSpeaker() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<FitQuality, FitReport> reports = new EnumMap<>(FitQuality.class);
        Map<FitQuality, Integer> expectedRenders =
                Map.of(FitQuality.FAST, 9, FitQuality.BALANCED, 19, FitQuality.BEST, 50);
        for (FitQuality quality : FitQuality.values()) {
            Steps steps = new Steps();
            long cpuBefore = cpu.getCurrentThreadCpuTime();
            FitReport report = fitter.fit(reader, new FitOptions("flite:awb", quality), steps);
            long cpuMs = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
            CloneEvaluation evaluation = fitter.evaluate(report.profile(), reader);
            System.out.printf(
                    "%s: %d renders, %.1f s of speech, %d ms CPU on this thread -> %s%n  %s%n",
                    quality, report.renders(), report.renderedSeconds(), cpuMs, report.profile(), evaluation);
            reports.put(quality, report);

            assertThat(report.profile().baseVoiceId())
                    .as("the given base is kept")
                    .isEqualTo("flite:awb");
            assertThat(report.candidateBases()).containsExactly("flite:awb");
            assertThat(report.quality()).isEqualTo(quality);
            int planned = steps.planned().get(0);
            assertThat(steps.planned()).as("one plan for the whole fit").containsOnly(planned);
            // Balanced's neighbour search may skip a rendering that would repeat one it made: counted as done.
            assertThat(report.renders()).isBetween(planned - 2, planned);
            assertThat(planned).isEqualTo(expectedRenders.get(quality));
            assertThat(steps.done()).as("steps only move forward").isSorted();
            assertThat(steps.done().get(steps.done().size() - 1))
                    .as("the fit ends on its last step")
                    .isEqualTo(planned);
            assertThat(evaluation.f0RelativeError()).as(quality + " pitch").isLessThan(0.10);
            assertThat(evaluation.embeddingSimilarity())
                    .as(quality + " timbre")
                    .isGreaterThan(evaluation.defaultEmbeddingSimilarity());
        }
        FitReport fast = reports.get(FitQuality.FAST);
        FitReport balanced = reports.get(FitQuality.BALANCED);
        FitReport best = reports.get(FitQuality.BEST);
        assertThat(fast.renders()).isLessThan(balanced.renders());
        assertThat(balanced.renders()).isLessThan(best.renders());
        assertThat(fast.renderedSeconds()).isLessThan(balanced.renderedSeconds());
        assertThat(balanced.renderedSeconds()).isLessThan(best.renderedSeconds());
        assertThat(best.checkSentences()).isEqualTo(2);
        assertThat(balanced.checkSentences()).isEqualTo(1);
    }

    @Test
    void withoutABaseTheFitChoosesAmongTheEnglishVoicesAndSaysWhichItTried() {
        Steps steps = new Steps();
        FitReport report = fitter.fit(reader, new FitOptions(null, FitQuality.FAST), steps);

        assertThat(report.candidateBases()).containsExactlyElementsOf(VoiceFitter.ENGLISH_VOICES);
        assertThat(report.candidateBases()).contains(report.profile().baseVoiceId());
        assertThat(report.renders()).isEqualTo(12);
        assertThat(steps.stages()).startsWith("choosing the base voice").contains("fitting the formants");
    }

    @Test
    void aBaseThatIsNotInstalledIsRefusedBeforeAnyWork() {
        Steps steps = new Steps();
        assertThatThrownBy(() -> fitter.fit(reader, new FitOptions("piper:no_such_voice", FitQuality.FAST), steps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("piper:no_such_voice");
        assertThat(steps.done()).isEmpty();
    }
}
