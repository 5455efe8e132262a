package io.voxify.events.sample;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleProcessedEvent(
        String sampleId,
        String processingJobId,
        @PersonalData(KeyScope.SAMPLE) SampleMeasurements measurements,
        double qualityScore,
        String vectorId,
        String embeddingModel,
        long processingTimeMs) {}
