package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A clone made the caller's active voice: {@code is_selected} is always true, as clients test it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloneSelectionResponse(
        String cloneId,
        String selectedVoiceId,
        @JsonProperty("is_selected") boolean isSelected) {}
