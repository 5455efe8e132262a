package io.voxify.events.job;

import java.time.Instant;

/**
 * Retention: up to {@code limit} finished jobs that ended before {@code endedBefore} and whose text and audio
 * have not expired yet, in the order they ended (then by id), each as an {@link ExpirableJob}. A page continues
 * after the job {@code after} names (null: from the first), so jobs the sweep has just expired, which the
 * read model may still show as unexpired, are not handed out again.
 */
public record FindJobsToExpireQuery(Instant endedBefore, ExpirableJob after, int limit) {}
