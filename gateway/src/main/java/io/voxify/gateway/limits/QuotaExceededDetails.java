package io.voxify.gateway.limits;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The details of a 429 QUOTA_EXCEEDED: which daily quota, its size, and the seconds until midnight UTC. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuotaExceededDetails(String quota, long limit, long resetsInSeconds) {}
