package io.voxify.gateway.privacy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code DELETE /api/v1/auth/account} (and the administrators' {@code DELETE /api/v1/admin/users/{id}})
 * answers.
 *
 * @param erasedKeys      how many keys were destroyed: the person's own and one per job, sample, clone and
 *                        training run; their sealed data now reads as erased everywhere
 * @param resourceRemoval {@code in_progress}: the jobs, audio, samples, clones, favourites and ratings are being
 *                        removed by a background process, usually within seconds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountDeletionResponse(
        String userId, boolean deleted, String deletedAt, int erasedKeys, String resourceRemoval) {}
