package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.job.SynthesisSettings;

/** A job's {@code config}: how the voice speaks, and whether the answer carries timestamps. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobConfigResponse(
        String emotion,
        boolean includeTimestamps,
        String timestampGranularity,
        double speed,
        double pitch,
        double volume) {

    static JobConfigResponse of(SynthesisSettings s) {
        return new JobConfigResponse(
                s.emotion(), s.includeTimestamps(), s.timestampGranularity(), s.speed(), s.pitch(), s.volume());
    }
}
