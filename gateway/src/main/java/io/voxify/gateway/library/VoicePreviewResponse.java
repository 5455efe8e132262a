package io.voxify.gateway.library;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A voice's preview: where to fetch its audio and what it says.
 *
 * @param duration seconds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VoicePreviewResponse(
        String voiceModelId,
        String previewAudioUrl,
        String previewText,
        double duration,
        String format,
        int sampleRate) {}
