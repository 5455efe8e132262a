package io.voxify.events.sample;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The worker's verdict. No issues: the sample is processed and its embedding is in the vector
 * index under {@code vectorId}; otherwise it is rejected for the issues given.
 */
public record CompleteSampleProcessingCommand(
        @TargetAggregateIdentifier String sampleId,
        String processingJobId,
        SampleMeasurements measurements,
        List<SampleIssue> issues,
        double qualityScore,
        String vectorId,
        String embeddingModel,
        long processingTimeMs) {}
