package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

/**
 * The worker fitting the clone finished {@code step} of the {@code steps} it planned, the last of them in
 * {@code stage} (each step is one synthesis of a check sentence, measured against the samples).
 */
@Revision("1")
public record CloneFittingProgressedEvent(
        String cloneId, String generationJobId, int attempt, int step, int steps, String stage) {}
