package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobProgressedEvent(String jobId, int attempt, double progress, String message) {}
