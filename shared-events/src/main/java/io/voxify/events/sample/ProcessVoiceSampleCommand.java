package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ProcessVoiceSampleCommand(@TargetAggregateIdentifier String sampleId, String processingJobId,
                                        String requestedBy) {
}
