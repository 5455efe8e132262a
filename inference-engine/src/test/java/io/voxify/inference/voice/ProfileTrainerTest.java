package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.voxify.inference.SpeechSynthesizer;
import org.junit.jupiter.api.Test;

class ProfileTrainerTest {

    @Test
    void trainingFromTheDefaultVoiceTowardsTheShiftedReaderLowersTheLoss() {
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer();
             SpeakerEncoder encoder = SpeakerEncoder.createDefault()) {
            CloneTarget target = SpeechMeasures.target(List.of(HumanSpeech.shifted(HumanSpeech.CLIP_A),
                    HumanSpeech.shifted(HumanSpeech.CLIP_C)), encoder, "en");
            List<EpochResult> seen = new ArrayList<>();

            List<EpochResult> history = new ProfileTrainer(synthesizer, encoder).train(
                    VoiceProfile.neutral("flite:slt"), target, new TrainingConfig(5, 0.5, 1), seen::add);
            seen.forEach(e -> System.out.printf("epoch %d loss %.4f %s %d ms%n", e.epoch(), e.loss(), e.profile(),
                    e.elapsedMillis()));

            assertThat(seen).extracting(EpochResult::epoch).containsExactly(1, 2, 3, 4, 5);
            assertThat(history).isEqualTo(seen.subList(0, history.size()));
            EpochResult best = history.get(history.size() - 1);
            assertThat(seen).allSatisfy(e -> assertThat(e.loss()).isGreaterThanOrEqualTo(best.loss()));
            assertThat(best.loss()).isLessThan(seen.get(0).loss() * 0.7);
            assertThat(best.profile().pitchFactor()).isLessThan(1.0);
        }
    }
}
