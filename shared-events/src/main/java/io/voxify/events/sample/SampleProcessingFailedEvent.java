package io.voxify.events.sample;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleProcessingFailedEvent(String sampleId, String processingJobId, String reason, String errorCode) {}
