package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Processing could not be done (not a verdict on the recording): the sample returns to uploaded. */
public record FailSampleProcessingCommand(
        @TargetAggregateIdentifier String sampleId, String processingJobId, String reason, String errorCode) {}
