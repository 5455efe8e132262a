package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobAttemptFailedEvent(String jobId, int attempt, String reason, String errorCode, boolean retryable) {}
