package io.voxify.events.sample;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleProcessedEvent(
        String sampleId,
        String processingJobId,
        SampleMeasurements measurements,
        double qualityScore,
        String vectorId,
        String embeddingModel,
        long processingTimeMs) {}
