package io.voxify.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * A ready-made voice of the library, bound to one built-in engine voice ("flite:slt", "espeak:de+f3").
 * The preview text is in the voice's own language and script.
 */
public record PresetVoice(
        String voiceModelId,
        String name,
        String language,
        String gender,
        List<String> tags,
        String description,
        String previewText,
        String engineVoiceId) {

    public static final String FLITE = "flite";
    public static final String ESPEAK = "espeak";

    public PresetVoice {
        tags = List.copyOf(tags);
    }

    /** The engine that speaks it, {@value #FLITE} or {@value #ESPEAK}: the prefix of its engine voice id. */
    public String engine() {
        int colon = engineVoiceId.indexOf(':');
        return colon < 0 ? engineVoiceId : engineVoiceId.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
