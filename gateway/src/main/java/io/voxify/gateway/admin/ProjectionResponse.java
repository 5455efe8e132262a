package io.voxify.gateway.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An event processor as the admin API shows it; {@link ProjectionStatus} says what each figure means. Every key is
 * written, null included.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProjectionResponse(
        String name,
        String kind,
        boolean replayable,
        String status,
        Long position,
        long head,
        long lag,
        Double replayProgress,
        Long deadLetters,
        String error) {

    static ProjectionResponse of(ProjectionStatus p) {
        return new ProjectionResponse(
                p.name(),
                p.kind().wireName(),
                p.replayable(),
                p.status().wireName(),
                p.position(),
                p.head(),
                p.lag(),
                p.replayProgress(),
                p.deadLetters(),
                p.error());
    }
}
