package io.voxify.events.job;

import org.axonframework.serialization.Revision;

/**
 * A finished job outlived the platform's retention ({@code retentionDays}, as set when it expired): its text,
 * text hash, callback URL and word timings are erased (the job's key is destroyed right after this event is
 * stored) and its audio is removed. {@code output} (may be null) names the audio to remove. The job itself,
 * its status, counts and times stay: {@code textLength} and {@code wordCount} (null when unknown) keep the
 * erased text's counts, so a replay, which reads the text as erased, rebuilds them as they were.
 */
@Revision("1")
public record JobContentExpiredEvent(
        String jobId, String userId, int retentionDays, AudioOutput output, Integer textLength, Integer wordCount) {}
