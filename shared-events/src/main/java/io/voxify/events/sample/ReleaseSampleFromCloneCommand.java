package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseSampleFromCloneCommand(
        @TargetAggregateIdentifier String sampleId, String cloneId) {}
