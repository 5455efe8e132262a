package io.voxify.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The job behind a failed speech request, so the client can look it up ({@code GET /api/v1/job/{job_id}}).
 *
 * @param errorCode the engine's own failure code, when it gave one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SpeechFailureDetails(
        String jobId,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorCode) {}
