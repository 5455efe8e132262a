package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobCancelledEvent(String jobId, String requestedBy) {}
