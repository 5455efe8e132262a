package io.voxify.events.job;

import java.time.Instant;

/** A finished job whose text and audio retention may erase: when it ended (completed, failed or cancelled). */
/** A finished job retention may expire, with its text's counts (kept by the expiry, as the text goes). */
public record ExpirableJob(String jobId, String userId, Instant endedAt, int textLength, int wordCount) {}
