package io.voxify.gateway.privacy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code DELETE /api/v1/auth/account} (and the administrators' {@code DELETE /api/v1/admin/users/{id}})
 * answers. Once the keys are destroyed the person's sealed data reads as erased everywhere; the rest is removed by
 * a background process ({@link AccountErasure}).
 */
@Schema(name = "AccountDeletionResponse", description = "The deleted account")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountDeletionResponse(
        @Schema(example = "user_0123456789abcdef") String userId,
        boolean deleted,
        @Schema(format = "date-time") String deletedAt,

        @Schema(
                description = "How many keys were destroyed: the person's own and one per job, sample, clone and"
                        + " training run")
        int erasedKeys,

        @Schema(
                description = "The jobs, audio, samples, clones, favourites and ratings are being removed in"
                        + " the background, usually within seconds",
                allowableValues = "in_progress")
        String resourceRemoval) {}
