package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A process request's answer: the sample's keys at the top, then its run as {@code job_id} and {@code status_url}
 * (as clients that read any job's answer look for them, null {@code job_id} included) and as {@code processing}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SampleProcessResponse(
        @JsonUnwrapped SampleResponse sample, String jobId, String statusUrl, SampleProcessingResponse processing) {

    /** {@code sampleId} as the request named it: the URLs are the ones the client called. */
    static SampleProcessResponse of(String sampleId, SampleService.Processing result) {
        var sample = result.sample();
        var processing = SampleProcessingResponse.of(sampleId, sample.processingJobId(), result.started(), null);
        return new SampleProcessResponse(
                SampleResponse.of(sample), sample.processingJobId(), processing.statusUrl(), processing);
    }
}
