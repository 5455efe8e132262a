package io.voxify.gateway.web.sse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The last event of a progress stream: {@code {"event": "complete"}}, a final state other than completion as
 * {@code event} and {@code status} ({@code failed}, {@code cancelled}), or why the stream ended early with its
 * {@code message} ({@code deleted}, {@code error}).
 *
 * @param status  only for a final state other than completion; the key is absent otherwise
 * @param message only for an early end; the key is absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamEnd(
        String event,
        @JsonInclude(JsonInclude.Include.NON_NULL) String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String message) {

    public static StreamEnd complete() {
        return new StreamEnd("complete", null, null);
    }

    /** A final state other than completion, named by its status in the event too. */
    public static StreamEnd endedAs(String status) {
        return new StreamEnd(status, status, null);
    }

    static StreamEnd deleted() {
        return new StreamEnd("deleted", null, "The resource no longer exists");
    }

    static StreamEnd interrupted() {
        return new StreamEnd("error", null, "The progress stream was interrupted");
    }
}
