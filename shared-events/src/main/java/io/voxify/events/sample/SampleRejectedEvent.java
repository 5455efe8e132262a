package io.voxify.events.sample;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleRejectedEvent(
        String sampleId,
        String processingJobId,
        SampleMeasurements measurements,
        List<SampleIssue> issues,
        double qualityScore,
        long processingTimeMs) {}
