package io.voxify.events.clone;

import java.util.List;

/** What a worker needs to fit a clone, handed out when it claims the clone. */
public record CloneWork(
        String cloneId,
        String userId,
        List<String> sampleIds,
        String language,
        int attempt,
        String generationJobId,
        CloneGenerationSettings settings) {}
