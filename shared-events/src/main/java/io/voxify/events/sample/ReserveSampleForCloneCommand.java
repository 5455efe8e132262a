package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A clone is about to be built from this sample: the sample must be processed, and stays
 * as it is (no deletion, no reprocessing) until the clone releases it.
 */
public record ReserveSampleForCloneCommand(
        @TargetAggregateIdentifier String sampleId, String cloneId) {}
