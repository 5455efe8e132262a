package io.voxify.events.sample;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleRejectedEvent(
        String sampleId,
        String processingJobId,
        @PersonalData(KeyScope.SAMPLE) SampleMeasurements measurements,
        List<SampleIssue> issues,
        double qualityScore,
        long processingTimeMs) {}
