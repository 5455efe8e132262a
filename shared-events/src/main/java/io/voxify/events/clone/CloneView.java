package io.voxify.events.clone;

import java.time.Instant;
import java.util.List;

public record CloneView(
        String cloneId,
        long version,
        String userId,
        String name,
        String description,
        String language,
        List<String> sampleIds,
        CloneStatus status,
        CloneProfile profile,
        CloneQuality quality,
        String vectorId,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant readyAt,
        Long processingTimeMs,
        CloneGeneration generation) {}
