package io.voxify.events.sample;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records an uploaded sample; with a {@code processingJobId} its processing starts with it (the upload is
 * then also a processing request), without one it waits as {@code uploaded}.
 */
public record UploadVoiceSampleCommand(
        @TargetAggregateIdentifier String sampleId,
        String userId,
        String name,
        String description,
        String language,
        String transcript,
        SampleAudio audio,
        String processingJobId) {}
