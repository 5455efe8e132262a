package io.voxify.saga.voice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in presets. English is spoken by Flite (far more intelligible than espeak-ng's
 * English); other languages by espeak-ng.
 */
public final class PresetCatalog {
    public static final String DEFAULT_VOICE_ID = "default_voice_001";

    private static final List<PresetVoice> PRESETS = List.of(
            new PresetVoice(DEFAULT_VOICE_ID, "Sally", "en-US", "female",
                    List.of("female", "adult", "calm", "clear"),
                    "Clear, calm American English female voice; the platform default.",
                    "Hello, this is the default Voxify voice.", "flite:slt"),
            new PresetVoice("preset_en_us_male_001", "Richard", "en-US", "male",
                    List.of("male", "adult", "mature", "calm"),
                    "Measured American English male voice with a low, steady pitch.",
                    "Hello, this is Richard speaking.", "flite:rms"),
            new PresetVoice("preset_en_gb_scottish_male_001", "Alan", "en-GB", "male",
                    List.of("male", "adult", "scottish", "energetic"),
                    "Scottish English male voice.",
                    "Hello, this is Alan speaking.", "flite:awb"),
            new PresetVoice("preset_en_us_male_002", "Kal", "en-US", "male",
                    List.of("male", "adult", "deep"),
                    "Deep American English male diphone voice.",
                    "Hello, this is Kal speaking.", "flite:kal16"));

    private static final Map<String, PresetVoice> BY_ID = new LinkedHashMap<>();

    static {
        PRESETS.forEach(p -> BY_ID.put(p.voiceModelId(), p));
    }

    private PresetCatalog() {
    }

    public static List<PresetVoice> all() {
        return PRESETS;
    }

    public static Optional<PresetVoice> find(String voiceModelId) {
        return Optional.ofNullable(BY_ID.get(voiceModelId));
    }
}
