package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.voice.VoiceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The running server gives espeak-ng a data directory of its own: a clone profile on an espeak
 * base voice becomes a voice variant file there, speaks through it, and goes when forgotten.
 */
class EspeakVariantTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void anEspeakCloneProfileBecomesAVariantFileAndIsRemovedAgain() throws Exception {
        SpeechSynthesizer synthesizer = app.bean(SpeechSynthesizer.class);
        VoiceProfile profile = new VoiceProfile("espeak:de", 1.0, 1.0, 1.0, 1.2, 0.3);
        SynthesisRequest request = new SynthesisRequest(
                "Guten Tag, wie geht es Ihnen?", "espeak:de", 1.0, 1.0, 1.0, "neutral", "wav", 22050, false, "word");
        float[] shaped = AudioDecoder.decode(synthesizer
                        .synthesize(request, profile, ProgressListener.NONE)
                        .audio())
                .mono();
        float[] plain = AudioDecoder.decode(
                        synthesizer.synthesize(request, ProgressListener.NONE).audio())
                .mono();
        assertThat(variants(synthesizer)).hasSize(1);
        assertThat(Files.readString(variants(synthesizer).findFirst().orElseThrow()))
                .contains("formant 1 120 100 100")
                .contains("breath");
        assertThat(Files.isSymbolicLink(
                        synthesizer.variantDirectory().orElseThrow().resolve("f3")))
                .as("the system's own variants stay available")
                .isTrue();
        VoiceProfile brighter = new VoiceProfile("espeak:de", 1.0, 1.0, 1.0, 1.25, 0.0);
        float[] raised = AudioDecoder.decode(synthesizer
                        .synthesize(request, brighter, ProgressListener.NONE)
                        .audio())
                .mono();
        // Raised formants move energy up the spectrum: the signal's mean slope grows against its level.
        assertThat(brightness(raised)).as("formants raised by the variant").isGreaterThan(brightness(plain) * 1.08);
        assertThat(brightness(shaped)).isGreaterThan(brightness(plain));
        synthesizer.forgetProfile(brighter);

        synthesizer.forgetProfile(profile);
        assertThat(variants(synthesizer)).isEmpty();
    }

    private static double brightness(float[] x) {
        double slope = 0;
        double level = 0;
        for (int i = 1; i < x.length; i++) {
            slope += Math.abs(x[i] - x[i - 1]);
            level += Math.abs(x[i]);
        }
        return slope / Math.max(1e-9, level);
    }

    /** The engine is process-wide: its folder belongs to whichever server of this test run started it first. */
    private static Stream<Path> variants(SpeechSynthesizer synthesizer) throws Exception {
        Path dir = synthesizer.variantDirectory().orElseThrow(() -> new AssertionError("no engine-owned data"));
        assertThat(dir.toString()).endsWith("espeak/espeak-ng-data/voices/!v");
        return Files.list(dir).filter(p -> !Files.isSymbolicLink(p)).toList().stream();
    }
}
