package io.voxify.events.sample;

import java.time.Instant;
import java.util.List;

public record SampleView(
        String sampleId,
        long version,
        String userId,
        String name,
        String description,
        String language,
        String transcript,
        SampleStatus status,
        SampleAudio audio,
        String processingJobId,
        SampleMeasurements measurements,
        List<SampleIssue> issues,
        Double qualityScore,
        String vectorId,
        String embeddingModel,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant processedAt) {}
