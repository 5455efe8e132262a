package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneView;
import io.voxify.gateway.web.Envelope;

/**
 * A clone's generation job, followed like any other job: its state follows the clone's (pending, processing
 * while it is fitted, completed when the clone is ready, failed). Its id appears as {@code generation_job_id}
 * and as {@code job_id}, as clients of both shapes read it.
 *
 * @param baseVoice the voice the fit started from, null until it has a profile
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloneGenerationResponse(
        String generationJobId,
        String jobId,
        String cloneId,
        String status,
        double progress,
        int step,
        int steps,
        String message,
        Config config,
        String baseVoice,
        Double qualityScore,
        String errorMessage,
        String createdAt,
        String updatedAt,
        String startedAt,
        String completedAt,
        String statusUrl,
        String progressUrl) {

    public static CloneGenerationResponse of(CloneView c) {
        CloneGeneration g = c.generation();
        String url = "/api/v1/voice/generation/" + g.generationJobId();
        return new CloneGenerationResponse(
                g.generationJobId(),
                g.generationJobId(),
                c.cloneId(),
                VoiceJson.generationStatus(c.status()),
                g.progress(),
                g.step(),
                g.steps(),
                g.stage(),
                new Config(g.settings().baseVoiceId(), g.settings().quality().wireName()),
                c.profile() == null ? null : c.profile().baseVoiceId(),
                c.quality() == null ? null : c.quality().qualityScore(),
                c.errorMessage(),
                Envelope.iso(c.createdAt()),
                Envelope.iso(c.updatedAt()),
                Envelope.iso(g.startedAt()),
                Envelope.iso(g.finishedAt()),
                url,
                url + "/progress");
    }

    /** The generation parameters the clone was asked for ({@code config} of its creation). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String baseVoiceId, String quality) {}
}
