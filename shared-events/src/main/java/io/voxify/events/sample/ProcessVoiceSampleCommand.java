package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a processing run. A sample being processed keeps its run; a processed or rejected one keeps its
 * verdict unless {@code force} is set; answered with the {@link SampleProcessingRun} in force afterwards.
 */
public record ProcessVoiceSampleCommand(
        @TargetAggregateIdentifier String sampleId, String processingJobId, String requestedBy, boolean force) {}
