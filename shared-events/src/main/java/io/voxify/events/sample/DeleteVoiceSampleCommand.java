package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteVoiceSampleCommand(
        @TargetAggregateIdentifier String sampleId, String requestedBy) {}
