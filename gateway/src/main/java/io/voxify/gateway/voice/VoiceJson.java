package io.voxify.gateway.voice;

import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.gateway.web.Envelope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples and clones as the API shows them. */
final class VoiceJson {

    private VoiceJson() {}

    static Map<String, Object> sample(SampleView s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", s.sampleId());
        d.put("sample_id", s.sampleId());
        d.put("user_id", s.userId());
        d.put("name", s.name());
        d.put("description", s.description());
        d.put("language", s.language());
        d.put("transcript", s.transcript());
        d.put("status", s.status().wireName());
        d.put("format", s.audio().format());
        d.put("duration", s.audio().durationSeconds());
        d.put("sample_rate", s.audio().sampleRate());
        d.put("channels", s.audio().channels());
        d.put("file_size", s.audio().sizeBytes());
        d.put("original_filename", s.audio().originalFilename());
        d.put("processing_job_id", s.processingJobId());
        d.put("quality_score", s.qualityScore());
        d.put("quality_metrics", metrics(s.measurements()));
        boolean finished = s.status() == SampleStatus.PROCESSED || s.status() == SampleStatus.REJECTED;
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("passed", finished ? s.status() == SampleStatus.PROCESSED : null);
        validation.put(
                "issues",
                s.issues().stream()
                        .map(i -> Map.of("code", i.code(), "reason", i.reason()))
                        .toList());
        d.put("validation", validation);
        d.put("embedding_model", s.embeddingModel());
        d.put("error_message", s.errorMessage());
        d.put("created_at", Envelope.iso(s.createdAt()));
        d.put("updated_at", Envelope.iso(s.updatedAt()));
        d.put("processed_at", Envelope.iso(s.processedAt()));
        return d;
    }

    static Map<String, Object> metrics(SampleMeasurements m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("duration", m.duration());
        d.put("speech_duration", m.speechDuration());
        d.put("silence_ratio", m.silenceRatio());
        d.put("rms_dbfs", m.rmsDbfs());
        d.put("peak_dbfs", m.peakDbfs());
        d.put("clipping_ratio", m.clippingRatio());
        d.put("snr_db", m.snrDb());
        d.put("f0_median_hz", m.f0MedianHz());
        d.put("f0_p10_hz", m.f0P10Hz());
        d.put("f0_p90_hz", m.f0P90Hz());
        d.put("voiced_ratio", m.voicedRatio());
        d.put("speaking_rate", m.speakingRate());
        d.put("spectral_tilt", m.spectralTilt());
        return d;
    }

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
