package io.voxify.events.job;

import java.time.Instant;

/** A finished job whose text and audio retention may erase: when it ended (completed, failed or cancelled). */
public record ExpirableJob(String jobId, String userId, Instant endedAt) {}
