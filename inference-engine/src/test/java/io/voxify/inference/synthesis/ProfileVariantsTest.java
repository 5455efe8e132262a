package io.voxify.inference.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.voice.VoiceProfile;
import org.junit.jupiter.api.Test;

/** A profile on a request's settings, and the espeak-ng variant file it would need. */
class ProfileVariantsTest {

    private static final Settings REQUEST = new Settings(1.2, 1.1, 1.35, 0.8, "flac", 24000, true, 1, 0, 1);

    @Test
    void withoutEspeakEveryFactorIsLeftForPostProcessing() {
        VoiceProfile profile = new VoiceProfile("espeak:de", 0.8, 1.5, 1.25, 1.1, 0.3, 2.0);

        ProfileVariants.Profiled profiled = new ProfileVariants(null).apply(profile, REQUEST);

        assertThat(profiled.voiceId()).isEqualTo("espeak:de");
        assertThat(profiled.settings())
                .isEqualTo(new Settings(1.2 * 1.25, 1.1 * 0.8, 1.35 * 1.5, 0.8, "flac", 24000, true, 1.1, 0.3, 2.0));
    }

    @Test
    void withoutEspeakThereIsNoVariantDirectoryAndNothingToForget() {
        ProfileVariants variants = new ProfileVariants(null);

        assertThat(variants.directory()).isEmpty();
        variants.forget(new VoiceProfile("espeak:de", 1, 1, 1, 1.1, 0.3));
    }

    @Test
    void profilesThatSoundAlikeShareAVariantName() {
        String name = ProfileVariants.variantName(new VoiceProfile("espeak:de", 0.8, 1, 1, 1.1, 0.3));

        assertThat(name).isEqualTo("vx" + Long.toString(1100, 36) + "b" + Long.toString(300, 36));
        assertThat(ProfileVariants.variantName(new VoiceProfile("espeak:fr", 1.4, 2, 0.7, 1.10001, 0.30004, 3)))
                .as("pitch, range, speed and pauses are not in the file")
                .isEqualTo(name);
        assertThat(ProfileVariants.variantName(new VoiceProfile("espeak:de", 0.8, 1, 1, 1.101, 0.3)))
                .isNotEqualTo(name);
    }

    @Test
    void theVariantFileScalesAllFiveFormantsAndAddsBreathOnlyWhenBreathy() {
        String breathy = ProfileVariants.variantFile(new VoiceProfile("espeak:de", 1, 1, 1, 1.12, 0.5));
        String clear = ProfileVariants.variantFile(new VoiceProfile("espeak:de", 1, 1, 1, 0.9, 0));

        assertThat(breathy).isEqualTo("""
                name voxify-clone
                language variant
                formant 1 112 100 100
                formant 2 112 100 100
                formant 3 112 100 100
                formant 4 112 100 100
                formant 5 112 100 100
                breath 0 15 15 15 15 15 15 0
                """);
        assertThat(clear).contains("formant 5 90 100 100").doesNotContain("breath");
    }
}
