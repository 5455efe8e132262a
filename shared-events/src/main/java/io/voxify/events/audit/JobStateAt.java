package io.voxify.events.audit;

import io.voxify.events.job.JobView;
import java.time.Instant;

/**
 * A job's state at a moment: {@code job} as it stood then, built from {@code eventCount} events
 * (the last one at position {@code lastSequence}); {@code job} is null when the job did not exist
 * yet ({@code createdAt} after the moment) or had been deleted ({@code deletedAt} at or before it).
 */
public record JobStateAt(
        Instant at, JobView job, int eventCount, long lastSequence, Instant createdAt, Instant deletedAt) {}
