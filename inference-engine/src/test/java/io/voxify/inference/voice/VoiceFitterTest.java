package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.Acoustics;
import io.voxify.inference.SpeechSynthesizer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VoiceFitterTest {

    private static SpeechSynthesizer synthesizer;
    private static SpeakerEncoder encoder;
    private static VoiceFitter fitter;

    @BeforeAll
    static void start() {
        synthesizer = new SpeechSynthesizer();
        encoder = SpeakerEncoder.createDefault();
        fitter = new VoiceFitter(synthesizer, encoder);
    }

    @AfterAll
    static void stop() {
        encoder.close();
        synthesizer.close();
    }

    @Test
    void fitsTheHumanReaderInPitchAndSoundsMoreLikeHimThanTheDefaultVoice() {
        CloneTarget target = SpeechMeasures.target(
                List.of(HumanSpeech.clip(HumanSpeech.CLIP_A), HumanSpeech.clip(HumanSpeech.CLIP_B)), encoder, "en");

        VoiceProfile profile = fitter.fit(target);
        CloneEvaluation evaluation = fitter.evaluate(profile, target);
        System.out.println("reader: " + target.f0MedianHz() + " Hz, " + target.speakingRate() + " syl/s -> " + profile
                + "\n  " + evaluation);

        assertThat(evaluation.f0RelativeError()).isLessThan(0.10);
        assertThat(evaluation.embeddingSimilarity()).isGreaterThan(evaluation.defaultEmbeddingSimilarity());
        assertThat(evaluation.qualityScore()).isGreaterThan(0.6);
        // The same check with an F0 estimator that shares no code with the one the fitter uses.
        float[] spoken = new ProfileRenderer(synthesizer, encoder).speak(VoiceFitter.CHECK_SENTENCE, profile);
        double human = Acoustics.medianF0(HumanSpeech.clip(HumanSpeech.CLIP_A), 16000);
        assertThat(Acoustics.medianF0(spoken, 16000))
                .isCloseTo(human, org.assertj.core.data.Percentage.withPercentage(12));
    }

    @Test
    void fitsTheShiftedReaderAsASecondSpeaker() {
        CloneTarget target = SpeechMeasures.target(
                List.of(HumanSpeech.shifted(HumanSpeech.CLIP_A), HumanSpeech.shifted(HumanSpeech.CLIP_B)),
                encoder,
                "en");

        VoiceProfile profile = fitter.fit(target);
        CloneEvaluation evaluation = fitter.evaluate(profile, target);
        System.out.println("shifted: " + target.f0MedianHz() + " Hz, " + target.speakingRate() + " syl/s -> " + profile
                + "\n  " + evaluation);

        assertThat(evaluation.f0RelativeError()).isLessThan(0.10);
        assertThat(evaluation.embeddingSimilarity()).isGreaterThan(evaluation.defaultEmbeddingSimilarity());
    }
}
