package io.voxify.inference.synthesis;

import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.voice.VoiceProfile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A cloned voice's profile applied to a request. For an espeak-ng base voice (without a variant of its own)
 * in an engine-owned data directory, the profile's formant scale and breathiness become a voice variant file,
 * so espeak-ng shapes them natively; elsewhere they are applied in post-processing.
 */
public final class ProfileVariants {

    private final EspeakEngine espeak;

    /** {@code espeak} may be null when espeak-ng is not installed: every profile is then post-processed. */
    public ProfileVariants(EspeakEngine espeak) {
        this.espeak = espeak;
    }

    /** The voice and settings a profile speaks a request with. */
    public record Profiled(String voiceId, Settings settings) {}

    /**
     * The profile's base voice (with its variant, when espeak-ng shapes it) and the request's settings with the
     * profile's pitch, intonation range and speed multiplied on, its pause factor, and its formant scale and
     * breathiness unless the variant carries them.
     */
    public Profiled apply(VoiceProfile profile, Settings base) {
        String variant = nativeVariant(profile);
        double formant = variant == null ? profile.formantScale() : 1.0;
        double breath = variant == null ? profile.breathiness() : 0.0;
        Settings settings = new Settings(
                base.speed() * profile.speedFactor(),
                base.pitch() * profile.pitchFactor(),
                base.range() * profile.pitchRangeFactor(),
                base.volume(),
                base.format(),
                base.sampleRate(),
                base.sentenceGranularity(),
                formant,
                breath,
                profile.pauseFactor());
        return new Profiled(variant == null ? profile.baseVoiceId() : profile.baseVoiceId() + "+" + variant, settings);
    }

    /** Where profile variants are kept: the engine is process-wide, so this is the first synthesizer's root. */
    public Optional<Path> directory() {
        return espeak == null ? Optional.empty() : espeak.ownedVariantsDirectory();
    }

    /** Removes the variant file a profile needed, if any (the clone it belonged to is gone). */
    public void forget(VoiceProfile profile) {
        if (espeak != null
                && espeak.variantsWritable()
                && profile.baseVoiceId().toLowerCase(Locale.ROOT).startsWith("espeak:")) {
            espeak.deleteVariant(variantName(profile));
        }
    }

    /** Writes the profile's variant file if it is not there yet; returns the variant's name, or null for none. */
    private String nativeVariant(VoiceProfile profile) {
        String base = profile.baseVoiceId().toLowerCase(Locale.ROOT);
        if (espeak == null
                || !base.startsWith("espeak:")
                || base.contains("+")
                || !espeak.variantsWritable()
                || (Math.abs(profile.formantScale() - 1) < 1e-6 && profile.breathiness() <= 0)) {
            return null;
        }
        String name = variantName(profile);
        if (!espeak.hasVariant(name)) {
            espeak.writeVariant(name, variantFile(profile));
        }
        return name;
    }

    /** One name per formant scale and breathiness (to a thousandth), so profiles that sound alike share a file. */
    static String variantName(VoiceProfile profile) {
        long f = Math.round(profile.formantScale() * 1000);
        long b = Math.round(profile.breathiness() * 1000);
        return "vx" + Long.toString(f, 36) + "b" + Long.toString(b, 36);
    }

    /** espeak-ng's variant file: all five formants scaled in frequency, breath noise on each when breathy. */
    static String variantFile(VoiceProfile profile) {
        int f = (int) Math.round(100 * profile.formantScale());
        int breath = (int) Math.round(profile.breathiness() * 30);
        StringBuilder content = new StringBuilder("name voxify-clone\nlanguage variant\n");
        for (int formant = 1; formant <= 5; formant++) {
            content.append("formant ").append(formant).append(' ').append(f).append(" 100 100\n");
        }
        if (breath > 0) {
            content.append("breath 0 ")
                    .append(breath)
                    .append(' ')
                    .append(breath)
                    .append(' ')
                    .append(breath)
                    .append(' ')
                    .append(breath)
                    .append(' ')
                    .append(breath)
                    .append(' ')
                    .append(breath)
                    .append(" 0\n");
        }
        return content.toString();
    }
}
