package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneView;
import io.voxify.gateway.web.Envelope;
import java.util.List;

/**
 * A clone as the API shows it, when created, read or listed. Its id appears three times ({@code id}, {@code
 * clone_id}, {@code voice_model_id}) as clients of each shape read it; components are in the order clients have
 * always seen the keys.
 *
 * @param qualityMetrics null until the fit has measured the clone
 * @param profile        null until the fit has found one
 * @param generation     the generation job as {@code GET /api/v1/voice/generation/{id}} shows it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloneResponse(
        String id,
        String cloneId,
        String voiceModelId,
        String userId,
        String name,
        String description,
        String language,
        String status,
        List<String> sampleIds,
        List<SampleLink> samples,
        Double qualityScore,
        QualityMetrics qualityMetrics,
        CloneProfileResponse profile,
        String errorMessage,
        String createdAt,
        String updatedAt,
        String readyAt,
        Long processingTimeMs,
        String generationJobId,
        CloneGenerationResponse generation) {

    public static CloneResponse of(CloneView c) {
        CloneQuality q = c.quality();
        CloneGeneration g = c.generation();
        return new CloneResponse(
                c.cloneId(),
                c.cloneId(),
                c.cloneId(),
                c.userId(),
                c.name(),
                c.description(),
                c.language(),
                c.status().wireName(),
                c.sampleIds(),
                c.sampleIds().stream().map(SampleLink::of).toList(),
                q == null ? null : q.qualityScore(),
                QualityMetrics.of(q),
                CloneProfileResponse.of(c.profile()),
                c.errorMessage(),
                Envelope.iso(c.createdAt()),
                Envelope.iso(c.updatedAt()),
                Envelope.iso(c.readyAt()),
                c.processingTimeMs(),
                g == null ? null : g.generationJobId(),
                g == null ? null : CloneGenerationResponse.of(c));
    }

    /** A sample the clone was made from, with where to read it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SampleLink(String sampleId, String url) {
        static SampleLink of(String sampleId) {
            return new SampleLink(sampleId, "/api/v1/voice/samples/" + sampleId);
        }
    }

    /** How close the fitted clone came to its samples, and how close the voice it started from was. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QualityMetrics(
            double targetF0MedianHz,
            double f0MedianHz,
            double f0RelativeError,
            double embeddingSimilarity,
            double defaultVoiceF0RelativeError,
            double defaultVoiceEmbeddingSimilarity,
            String method) {

        static QualityMetrics of(CloneQuality q) {
            return q == null
                    ? null
                    : new QualityMetrics(
                            q.targetF0MedianHz(),
                            q.f0MedianHz(),
                            q.f0RelativeError(),
                            q.embeddingSimilarity(),
                            q.defaultF0RelativeError(),
                            q.defaultEmbeddingSimilarity(),
                            q.method());
        }
    }
}
