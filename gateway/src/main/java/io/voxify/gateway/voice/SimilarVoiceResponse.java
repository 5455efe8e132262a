package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A voice near a sample: a preset or clone, which a client can synthesize with ({@code voice_model_id}), or
 * another of the caller's samples ({@code sample_id}); exactly one of the two keys is written.
 *
 * @param type       {@code preset}, {@code clone} or {@code sample}
 * @param similarity the cosine of the two speaker embeddings, to four decimals
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimilarVoiceResponse(
        String id,
        String type,
        double similarity,
        String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String voiceModelId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sampleId,
        String language) {

    static SimilarVoiceResponse voice(String id, String type, double similarity, String name, String language) {
        return new SimilarVoiceResponse(id, type, similarity, name, id, null, language);
    }

    static SimilarVoiceResponse sample(String id, String type, double similarity, String name, String language) {
        return new SimilarVoiceResponse(id, type, similarity, name, null, id, language);
    }
}
