package io.voxify.gateway.library;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.web.RequestRecord;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/v1/voice/models/{id}/rating}: the caller's rating of the voice, a whole number from 1 to 5. */
@RequestRecord
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RateVoiceRequest(
        @NotNull(message = RateVoiceRequest.REQUIRED)
        @Min(value = 1, message = RateVoiceRequest.RANGE)
        @Max(value = 5, message = RateVoiceRequest.RANGE)
        Integer rating) {

    static final String REQUIRED = "is required: a whole number from 1 to 5";
    static final String RANGE = "must be a whole number between 1 and 5";
}
