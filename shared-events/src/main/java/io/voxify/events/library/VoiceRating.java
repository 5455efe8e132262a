package io.voxify.events.library;

/** The ratings one voice model has: how many users rate it and the sum of their ratings. */
public record VoiceRating(String voiceModelId, long ratingSum, long ratingCount) {

    /**
     * The mean rating to one decimal, halves rounded up (4.25 is 4.3), or null when nobody rates the voice.
     * Computed in whole numbers, so the same ratings always show the same mean.
     */
    public Double mean() {
        if (ratingCount <= 0) {
            return null;
        }
        long tenths = (20 * ratingSum + ratingCount) / (2 * ratingCount);
        return tenths / 10.0;
    }
}
