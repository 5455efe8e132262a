package io.voxify.gateway.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.job.JobResponse;

/** {@code GET /api/v1/audit/jobs/{id}/state?at=}: the job as it stood then, and how much history made it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobStateResponse(
        String at, String createdAt, String deletedAt, long eventCount, long lastSequence, JobResponse job) {}
