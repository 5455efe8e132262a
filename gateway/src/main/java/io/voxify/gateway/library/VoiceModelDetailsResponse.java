package io.voxify.gateway.library;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.VoiceStatistics;
import io.voxify.gateway.web.Envelope;
import io.voxify.inference.SpeechSynthesizer;
import java.util.List;

/**
 * One voice in detail: its keys as the list shows them (never a search's {@code similarity}), then what it can
 * synthesise, how it has been used and rated, and when it last changed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VoiceModelDetailsResponse(
        @JsonUnwrapped VoiceModelResponse voice, ModelConfig modelConfig, Statistics statistics, String updatedAt) {

    /**
     * In ascending order: the synthesizer's set has no order of its own, and the map this record replaced wrote
     * it in an order that changed from one start of the JVM to the next.
     */
    static final List<Integer> SUPPORTED_SAMPLE_RATES =
            SpeechSynthesizer.SAMPLE_RATES.stream().sorted().toList();

    /** @param stats the voice's usage, null when no job has used it */
    static VoiceModelDetailsResponse of(
            VoiceModel voice, FavoritesView favorites, VoiceStatistics stats, LibraryRatings.Snapshot rated) {
        String id = voice.voiceModelId();
        return new VoiceModelDetailsResponse(
                VoiceModelResponse.of(voice, favorites, stats, rated),
                new ModelConfig(
                        voice.engine().endsWith("flite") ? 16000 : 22050,
                        List.of("wav", "mp3", "flac"),
                        SUPPORTED_SAMPLE_RATES,
                        SpeechSynthesizer.MAX_TEXT_CHARS,
                        List.of("neutral", "happy", "sad", "excited"),
                        List.of(0.5, 3.0),
                        List.of(0.5, 2.0)),
                new Statistics(
                        stats == null || stats.completed() == 0 ? null : stats.averageSynthesisTime(),
                        stats == null ? null : stats.successRate(),
                        stats == null ? 0 : stats.usageCount(),
                        stats == null ? 0.0 : stats.totalAudioSeconds(),
                        rated.mean(id),
                        rated.count(id),
                        rated.my(id)),
                Envelope.iso(voice.updatedAt()));
    }

    /**
     * What a synthesis with the voice may ask for.
     *
     * @param sampleRate the voice's native rate: 16000 for flite voices, 22050 for the others
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelConfig(
            int sampleRate,
            List<String> supportedFormats,
            List<Integer> supportedSampleRates,
            int maxTextLength,
            List<String> supportsEmotions,
            List<Double> supportsSpeedRange,
            List<Double> supportsPitchRange) {}

    /**
     * The voice's use in synthesis jobs and its ratings.
     *
     * @param averageSynthesisTime seconds, null until a job with it has completed
     * @param successRate          completed out of finished jobs, null until one has finished
     * @param userRating           every user's mean rating to one decimal, null while nobody rates the voice
     * @param myRating             the caller's own rating, null when they have none
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Statistics(
            Double averageSynthesisTime,
            Double successRate,
            long usageCount,
            double totalAudioSeconds,
            Double userRating,
            long ratingCount,
            Integer myRating) {}
}
