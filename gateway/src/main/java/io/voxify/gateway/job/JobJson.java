package io.voxify.gateway.job;

import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.job.WebhookStatus;
import io.voxify.gateway.web.Envelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job as the API shows it. Paths are API URLs, never places on a disk. */
public final class JobJson {
    static final int SHORT_TEXT = 100;

    private JobJson() {}

    public static Map<String, Object> of(JobView job, boolean includeText) {
        SynthesisSettings s = job.settings();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", job.jobId());
        data.put("user_id", job.userId());
        data.put("voice_model_id", job.voiceModelId());
        String text = job.text();
        if (!includeText && text != null && text.codePointCount(0, text.length()) > SHORT_TEXT) {
            text = text.substring(0, text.offsetByCodePoints(0, SHORT_TEXT)) + "…";
        }
        data.put("text_content", text);
        data.put("text_hash", job.textHash());
        data.put("text_language", job.textLanguage());
        data.put("text_format", job.textFormat());
        data.put("text_length", job.textLength());
        data.put("word_count", job.wordCount());
        data.put("status", job.status().wireName());
        data.put("progress", job.progress());
        data.put("progress_message", job.progressMessage());
        data.put("config", config(s));
        data.put("output_format", s.outputFormat());
        data.put("sample_rate", s.sampleRate());
        data.put("speed", s.speed());
        data.put("pitch", s.pitch());
        data.put("volume", s.volume());
        data.put("output_file_path", job.fileId() == null ? null : audioUrl(job.fileId()));
        data.put("file_id", job.fileId());
        data.put("duration", job.duration());
        data.put("timestamps", s.includeTimestamps() ? timestamps(job.timestamps()) : null);
        data.put("error_message", job.errorMessage());
        data.put("error_code", job.errorCode());
        data.put("attempts", job.attempts());
        data.put("created_at", Envelope.iso(job.createdAt()));
        data.put("updated_at", Envelope.iso(job.updatedAt()));
        data.put("started_at", Envelope.iso(job.startedAt()));
        data.put("completed_at", Envelope.iso(job.completedAt()));
        data.put("processing_time_ms", job.processingTimeMs());
        data.put("callback_url", job.callbackUrl());
        data.put("webhook", webhook(job.webhook()));
        return data;
    }

    /** Where the job's webhook stands (null until the job's end is announced to its callback URL). */
    static Map<String, Object> webhook(WebhookStatus w) {
        if (w == null) {
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("delivery_id", w.deliveryId());
        data.put("event", w.event());
        data.put("state", w.state());
        data.put("attempts", w.attempts());
        data.put("last_status_code", w.lastStatusCode());
        data.put("last_error", w.lastError());
        data.put("last_attempt_at", Envelope.iso(w.lastAttemptAt()));
        data.put("next_attempt_at", Envelope.iso(w.nextAttemptAt()));
        data.put("delivered_at", Envelope.iso(w.deliveredAt()));
        return data;
    }

    static Map<String, Object> config(SynthesisSettings s) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("emotion", s.emotion());
        config.put("include_timestamps", s.includeTimestamps());
        config.put("timestamp_granularity", s.timestampGranularity());
        config.put("speed", s.speed());
        config.put("pitch", s.pitch());
        config.put("volume", s.volume());
        return config;
    }

    static String audioUrl(String fileId) {
        return "/api/v1/files/audio/" + fileId;
    }

    private static List<Map<String, Object>> timestamps(List<TimedText> list) {
        if (list == null) {
            return null;
        }
        return list.stream()
                .map(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("text", t.text());
                    m.put("type", t.type());
                    m.put("start", t.start());
                    m.put("end", t.end());
                    m.put("char_start", t.charStart());
                    m.put("char_end", t.charEnd());
                    if ("mark".equals(t.type())) {
                        // An SSML <mark>: the usual fields (its name as text, one instant as start and end) plus these.
                        m.put("name", t.text());
                        m.put("time", t.start());
                    }
                    return m;
                })
                .toList();
    }

    /** The SSE payload for one state of a job. */
    static Map<String, Object> progress(JobView job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", job.jobId());
        data.put("progress", job.progress());
        data.put("status", job.status().wireName());
        data.put("message", job.progressMessage());
        if (job.fileId() != null) {
            data.put("output_file_path", audioUrl(job.fileId()));
            data.put("duration", job.duration());
        }
        if (job.errorMessage() != null) {
            data.put("error_message", job.errorMessage());
        }
        data.put("updated_at", Envelope.iso(job.updatedAt()));
        return data;
    }
}
