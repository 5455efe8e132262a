package io.voxify.gateway.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.admin.UserSummary;
import io.voxify.events.job.JobStatus;
import io.voxify.gateway.auth.UserResponse;
import io.voxify.gateway.web.Envelope;
import java.util.Map;

/**
 * An account in the administrators' list: the account as its owner's profile shows it, key for key, then what it
 * holds and when it was last active.
 *
 * @param account      written inline, its keys first, not as a nested object
 * @param lastActiveAt null when the user never signed in nor created a job
 * @param jobsByStatus every job status by its wire name, zero included
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserSummaryResponse(
        @JsonUnwrapped UserResponse account,
        String lastActiveAt,
        long jobCount,
        Map<String, Long> jobsByStatus,
        long sampleCount,
        long cloneCount) {

    static UserSummaryResponse of(UserSummary summary) {
        return new UserSummaryResponse(
                UserResponse.of(summary.user()),
                Envelope.iso(summary.lastActiveAt()),
                summary.jobCount(),
                StatusCounts.byStatus(JobStatus.values(), summary.jobsByStatus(), JobStatus::wireName),
                summary.samples(),
                summary.clones());
    }
}
