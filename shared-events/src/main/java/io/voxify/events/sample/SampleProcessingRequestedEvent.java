package io.voxify.events.sample;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleProcessingRequestedEvent(
        String sampleId, String userId, String processingJobId, SampleAudio audio) {}
