package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.web.RequestRecord;

/**
 * {@code POST /api/v1/voice/samples/{id}/process}: an optional body; {@code force} runs the processing again on a
 * sample that was processed or rejected. Any other field, and a body that is not an object, is refused.
 */
@RequestRecord(objectRequired = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProcessSampleRequest(Boolean force) {
    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
