package io.voxify.events.clone;

import java.time.Instant;

/**
 * A clone's generation job as the read model shows it. Its state follows the clone's: pending while the
 * clone is, processing while it is fitted, completed when it is ready, failed when it failed.
 *
 * @param progress   0–100: steps done / steps planned while fitting (at most 99), 100 once the clone is ready
 * @param step       steps done (one synthesis of a check sentence, measured)
 * @param steps      steps planned; 0 before the fit started
 * @param stage      what the fit did last
 */
public record CloneGeneration(
        String generationJobId,
        CloneGenerationSettings settings,
        double progress,
        int step,
        int steps,
        String stage,
        Instant startedAt,
        Instant finishedAt) {}
