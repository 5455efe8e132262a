package io.voxify.events.sample;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SampleReleasedFromCloneEvent(String sampleId, String cloneId) {}
