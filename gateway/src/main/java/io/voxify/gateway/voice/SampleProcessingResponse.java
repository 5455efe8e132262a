package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.common.DomainException;

/**
 * The {@code processing} of an upload or process answer: whether this request started a run, the run in force
 * and where to follow it.
 *
 * @param processingJobId null when the sample has no run (an upload past the processing quota)
 * @param error           only when the run was refused (the processing quota of an upload), as an error envelope
 *                        shows it; the key is absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SampleProcessingResponse(
        boolean started,
        String processingJobId,
        String statusUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) Refusal error) {

    static SampleProcessingResponse of(
            String sampleId, String processingJobId, boolean started, DomainException refusal) {
        return new SampleProcessingResponse(
                started, processingJobId, "/api/v1/voice/samples/" + sampleId, Refusal.of(refusal));
    }

    /** Why no run started: the refusal's code, message and details, as an error envelope writes them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Refusal(String code, String message, Object details) {
        static Refusal of(DomainException refusal) {
            return refusal == null ? null : new Refusal(refusal.code().name(), refusal.getMessage(), refusal.details());
        }
    }
}
