package io.voxify.events.audit;

import java.time.Instant;

/** The job as it stood at {@code at}, rebuilt from its events. */
public record FindJobStateAtQuery(String jobId, Instant at) {}
