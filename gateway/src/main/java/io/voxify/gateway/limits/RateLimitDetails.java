package io.voxify.gateway.limits;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The details of a 429 RATE_LIMITED: how many requests the window allows and when to try again.
 *
 * @param scope which limit, when it is not the per-minute limit on every request (the export's own)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RateLimitDetails(
        @JsonInclude(JsonInclude.Include.NON_NULL) String scope, long limit, long retryAfterSeconds) {}
