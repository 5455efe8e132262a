package io.voxify.gateway.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.job.JobResponse;

/**
 * The body of a webhook callback, the bytes its signature covers.
 *
 * @param job the job as {@code GET /api/v1/job/{id}} shows it
 * @param deliveredAt when this attempt was made; a retry of the same delivery has the same {@code delivery_id}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record WebhookPayload(String event, String deliveryId, JobResponse job, String deliveredAt) {}
