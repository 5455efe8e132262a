package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.job.TimedText;

/**
 * One timed piece of a job's audio. An SSML {@code <mark>} carries the usual fields (its name as text, one
 * instant as start and end) and, after them, {@code name} and {@code time}; a word or sentence has no such keys.
 */
public sealed interface JobTimestampResponse {

    static JobTimestampResponse of(TimedText t) {
        return "mark".equals(t.type())
                ? new Mark(t.text(), t.type(), t.start(), t.end(), t.charStart(), t.charEnd(), t.text(), t.start())
                : new Span(t.text(), t.type(), t.start(), t.end(), t.charStart(), t.charEnd());
    }

    /** A word or a sentence. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Span(String text, String type, double start, double end, int charStart, int charEnd)
            implements JobTimestampResponse {}

    /** An SSML {@code <mark>}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Mark(
            String text, String type, double start, double end, int charStart, int charEnd, String name, double time)
            implements JobTimestampResponse {}
}
