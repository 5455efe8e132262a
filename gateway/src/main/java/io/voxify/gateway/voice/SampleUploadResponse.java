package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An accepted upload: the sample's keys at the top, as a read shows them, then its {@code processing}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SampleUploadResponse(@JsonUnwrapped SampleResponse sample, SampleProcessingResponse processing) {

    static SampleUploadResponse of(SampleService.Uploaded uploaded) {
        var sample = uploaded.sample();
        return new SampleUploadResponse(
                SampleResponse.of(sample),
                SampleProcessingResponse.of(
                        sample.sampleId(),
                        sample.processingJobId(),
                        uploaded.processingStarted(),
                        uploaded.processingRefusal()));
    }
}
