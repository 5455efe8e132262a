package io.voxify.gateway.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.VoiceStatistics;
import io.voxify.gateway.web.Envelope;
import java.util.List;

/**
 * A voice as the library lists it, in the order clients have always seen the keys. A page of these is also what
 * the page cache keeps, as JSON: a page cached before this record was read back as the same text.
 *
 * @param qualityScore null for a preset: nothing measures a preset's quality
 * @param userRating   every user's mean rating to one decimal, null while nobody rates the voice
 * @param myRating     the caller's own rating, null when they have none
 * @param ownerId      only for a clone, with its {@code cloneId}
 * @param similarity   only when the list was searched ({@code q}): how close the voice is to the query, to four
 *                     decimals
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VoiceModelResponse(
        String voiceModelId,
        String name,
        String type,
        String engine,
        List<String> tags,
        String language,
        String gender,
        String description,
        String sampleAudioUrl,
        String previewText,
        Double qualityScore,
        long usageCount,
        @JsonProperty("is_favorite") boolean isFavorite,
        long favoritesCount,
        Double userRating,
        long ratingCount,
        Integer myRating,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String ownerId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String cloneId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double similarity) {

    /** The voice as the caller sees it: their favourites and rating, everyone's usage and ratings. */
    static VoiceModelResponse of(
            VoiceModel v, FavoritesView favorites, VoiceStatistics stats, LibraryRatings.Snapshot rated) {
        String id = v.voiceModelId();
        boolean clone = v.cloneId() != null;
        return new VoiceModelResponse(
                id,
                v.name(),
                v.type(),
                v.engine(),
                v.tags(),
                v.language(),
                v.gender(),
                v.description(),
                audioUrl(id),
                v.previewText(),
                v.qualityScore(),
                stats == null ? 0 : stats.usageCount(),
                favorites.favorites().contains(id),
                favorites.favoritesCount().getOrDefault(id, 0L),
                rated.mean(id),
                rated.count(id),
                rated.my(id),
                Envelope.iso(v.createdAt()),
                clone ? v.ownerId() : null,
                clone ? v.cloneId() : null,
                null);
    }

    static String audioUrl(String voiceModelId) {
        return "/api/v1/voice/models/" + voiceModelId + "/preview/audio";
    }

    /** The same voice with how close it came to a search. */
    VoiceModelResponse withSimilarity(double similarity) {
        return new VoiceModelResponse(
                voiceModelId,
                name,
                type,
                engine,
                tags,
                language,
                gender,
                description,
                sampleAudioUrl,
                previewText,
                qualityScore,
                usageCount,
                isFavorite,
                favoritesCount,
                userRating,
                ratingCount,
                myRating,
                createdAt,
                ownerId,
                cloneId,
                Math.round(similarity * 10_000) / 10_000.0);
    }
}
