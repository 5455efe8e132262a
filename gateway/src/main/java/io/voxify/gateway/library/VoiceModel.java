package io.voxify.gateway.library;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the voice library as a user sees it: a preset, or one of their own ready clones.
 * {@code version} changes whenever what the voice sounds like changes (it keys the preview).
 */
record VoiceModel(
        String voiceModelId,
        String name,
        String type,
        String engine,
        String engineVoiceId,
        List<String> tags,
        String language,
        String gender,
        String description,
        String previewText,
        Double qualityScore,
        String ownerId,
        String cloneId,
        Instant createdAt,
        Instant updatedAt,
        String version) {

    String searchText() {
        return name + ". " + (description == null ? "" : description) + ". " + String.join(", ", tags);
    }
}
