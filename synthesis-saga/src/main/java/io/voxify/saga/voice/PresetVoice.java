package io.voxify.saga.voice;

import java.util.List;

/** A ready-made voice of the library, bound to one built-in engine voice. */
public record PresetVoice(String voiceModelId, String name, String language, String gender, List<String> tags,
                          String description, String previewText, String engineVoiceId) {
}
