package io.voxify.gateway.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Why a job had no state at the asked time: the time asked about, and when the job was created and deleted
 * (null when it was not, or not yet).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record JobAbsentDetails(String at, String createdAt, String deletedAt) {}
