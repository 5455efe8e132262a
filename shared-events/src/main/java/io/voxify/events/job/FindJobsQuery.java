package io.voxify.events.job;

import java.time.Instant;
import java.util.List;

/**
 * A page of jobs. {@code userId} null means every user (admins only; the gateway decides).
 * {@code sortBy} is already checked against the allow-list.
 */
public record FindJobsQuery(
        String userId,
        List<JobStatus> statuses,
        String voiceModelId,
        String textSearch,
        Instant createdAfter,
        Instant createdBefore,
        String sortBy,
        boolean ascending,
        int limit,
        int offset) {}
