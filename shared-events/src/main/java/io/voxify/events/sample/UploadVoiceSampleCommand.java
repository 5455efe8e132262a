package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UploadVoiceSampleCommand(@TargetAggregateIdentifier String sampleId, String userId, String name,
                                       String description, String language, String transcript, SampleAudio audio) {
}
