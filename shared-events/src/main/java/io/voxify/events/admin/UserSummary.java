package io.voxify.events.admin;

import io.voxify.events.job.JobStatus;
import io.voxify.events.user.UserView;
import java.time.Instant;
import java.util.Map;

/**
 * An account with what it holds: its jobs by status, samples and clones (those that exist now),
 * and when it was last active (signed in or created a job).
 */
public record UserSummary(
        UserView user, Instant lastActiveAt, Map<JobStatus, Long> jobsByStatus, long samples, long clones) {

    public long jobs(JobStatus status) {
        return jobsByStatus.getOrDefault(status, 0L);
    }

    public long jobCount() {
        return jobsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
