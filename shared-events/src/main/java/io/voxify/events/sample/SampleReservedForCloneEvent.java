package io.voxify.events.sample;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleReservedForCloneEvent(String sampleId, String cloneId) {}
