package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneView;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.sse.StreamedState;

/**
 * One state of a clone's generation job on its progress stream (the job itself is a
 * {@link CloneGenerationResponse}), its id as {@code job_id} and as {@code generation_job_id}.
 *
 * @param qualityScore only once the clone has its quality measured; the key is absent before
 * @param errorMessage only when the clone has an error; the key is absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloneGenerationProgress(
        String jobId,
        String generationJobId,
        String cloneId,
        double progress,
        String status,
        String message,
        int step,
        int steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double qualityScore,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage,
        String updatedAt)
        implements StreamedState {

    public static CloneGenerationProgress of(CloneView c) {
        CloneGeneration g = c.generation();
        return new CloneGenerationProgress(
                g.generationJobId(),
                g.generationJobId(),
                c.cloneId(),
                g.progress(),
                VoiceJson.generationStatus(c.status()),
                g.stage(),
                g.step(),
                g.steps(),
                c.quality() == null ? null : c.quality().qualityScore(),
                c.errorMessage(),
                Envelope.iso(c.updatedAt()));
    }

    @Override
    public CloneGenerationProgress withoutTime() {
        return new CloneGenerationProgress(
                jobId,
                generationJobId,
                cloneId,
                progress,
                status,
                message,
                step,
                steps,
                qualityScore,
                errorMessage,
                null);
    }
}
