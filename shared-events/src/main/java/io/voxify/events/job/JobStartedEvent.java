package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobStartedEvent(String jobId, int attempt, String workerId) {}
