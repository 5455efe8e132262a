package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.gateway.web.Envelope;
import java.util.List;

/**
 * A job as the API shows it: in answers, in the webhook body and in the audit's view of a job at an instant.
 * Paths are API URLs, never places on a disk. The settings appear twice, in {@code config} and at the top
 * level, as clients of both shapes read them. Components are in the order clients have always seen the keys.
 *
 * @param textContent the text, cut to {@link #SHORT_TEXT} characters and an ellipsis in a list without text
 * @param timestamps  null unless the job was asked for them
 * @param webhook     null until the job's end is announced to its callback URL
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobResponse(
        String id,
        String userId,
        String voiceModelId,
        String textContent,
        String textHash,
        String textLanguage,
        String textFormat,
        int textLength,
        int wordCount,
        String status,
        double progress,
        String progressMessage,
        JobConfigResponse config,
        String outputFormat,
        int sampleRate,
        double speed,
        double pitch,
        double volume,
        String outputFilePath,
        String fileId,
        Double duration,
        List<JobTimestampResponse> timestamps,
        String errorMessage,
        String errorCode,
        int attempts,
        String createdAt,
        String updatedAt,
        String startedAt,
        String completedAt,
        Long processingTimeMs,
        String callbackUrl,
        JobWebhookResponse webhook) {
    static final int SHORT_TEXT = 100;

    public static JobResponse of(JobView job, boolean includeText) {
        SynthesisSettings s = job.settings();
        String text = job.text();
        if (!includeText && text != null && text.codePointCount(0, text.length()) > SHORT_TEXT) {
            text = text.substring(0, text.offsetByCodePoints(0, SHORT_TEXT)) + "…";
        }
        return new JobResponse(
                job.jobId(),
                job.userId(),
                job.voiceModelId(),
                text,
                job.textHash(),
                job.textLanguage(),
                job.textFormat(),
                job.textLength(),
                job.wordCount(),
                job.status().wireName(),
                job.progress(),
                job.progressMessage(),
                JobConfigResponse.of(s),
                s.outputFormat(),
                s.sampleRate(),
                s.speed(),
                s.pitch(),
                s.volume(),
                job.fileId() == null ? null : audioUrl(job.fileId()),
                job.fileId(),
                job.duration(),
                s.includeTimestamps() ? timestamps(job.timestamps()) : null,
                job.errorMessage(),
                job.errorCode(),
                job.attempts(),
                Envelope.iso(job.createdAt()),
                Envelope.iso(job.updatedAt()),
                Envelope.iso(job.startedAt()),
                Envelope.iso(job.completedAt()),
                job.processingTimeMs(),
                job.callbackUrl(),
                JobWebhookResponse.of(job.webhook()));
    }

    static String audioUrl(String fileId) {
        return "/api/v1/files/audio/" + fileId;
    }

    private static List<JobTimestampResponse> timestamps(List<TimedText> list) {
        return list == null ? null : list.stream().map(JobTimestampResponse::of).toList();
    }
}
