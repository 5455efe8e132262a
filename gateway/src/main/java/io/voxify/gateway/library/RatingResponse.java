package io.voxify.gateway.library;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A voice's ratings after the caller rated it or withdrew their rating.
 *
 * @param userRating every user's mean rating to one decimal, null while nobody rates the voice
 * @param myRating   the caller's own rating, null when they have none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RatingResponse(String voiceModelId, Double userRating, long ratingCount, Integer myRating) {}
