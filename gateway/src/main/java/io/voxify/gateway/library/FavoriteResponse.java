package io.voxify.gateway.library;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A voice after the caller added it to their favourites or removed it, with how many users favour it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FavoriteResponse(
        String voiceModelId, @JsonProperty("is_favorite") boolean isFavorite, long favoritesCount) {}
