package io.voxify.gateway.voice;

import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.sample.SampleStatus;
import io.voxify.gateway.web.Envelope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the clone and sample answers share, and a generation job's state on its progress stream. */
final class VoiceJson {

    private VoiceJson() {}

    /** One state of a generation job on its progress stream. */
    static Map<String, Object> generationProgress(CloneView c) {
        CloneGeneration g = c.generation();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("job_id", g.generationJobId());
        d.put("generation_job_id", g.generationJobId());
        d.put("clone_id", c.cloneId());
        d.put("progress", g.progress());
        d.put("status", generationStatus(c.status()));
        d.put("message", g.stage());
        d.put("step", g.step());
        d.put("steps", g.steps());
        if (c.quality() != null) {
            d.put("quality_score", c.quality().qualityScore());
        }
        if (c.errorMessage() != null) {
            d.put("error_message", c.errorMessage());
        }
        d.put("updated_at", Envelope.iso(c.updatedAt()));
        return d;
    }

    static String generationStatus(CloneStatus status) {
        return switch (status) {
            case PENDING -> "pending";
            case TRAINING -> "processing";
            case READY -> "completed";
            case FAILED -> "failed";
        };
    }

    static List<String> statusNames(SampleStatus[] values) {
        return Arrays.stream(values).map(SampleStatus::wireName).toList();
    }
}
