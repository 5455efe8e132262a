package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobFailedEvent(String jobId, String reason, String errorCode) {}
