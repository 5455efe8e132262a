package io.voxify.gateway.file;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.job.FileView;
import io.voxify.gateway.web.Envelope;

/**
 * An audio file's facts as {@code GET /api/v1/files/{fileId}/info} answers them.
 *
 * @param size     in bytes
 * @param duration in seconds
 * @param url      where the audio itself is downloaded
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileInfoResponse(
        String fileId,
        String jobId,
        long size,
        double duration,
        String format,
        String contentType,
        int sampleRate,
        int channels,
        String sha256,
        String url,
        String createdAt) {

    static FileInfoResponse of(FileView file) {
        return new FileInfoResponse(
                file.fileId(),
                file.jobId(),
                file.sizeBytes(),
                file.durationSeconds(),
                file.format(),
                file.contentType(),
                file.sampleRate(),
                file.channels(),
                file.sha256(),
                "/api/v1/files/audio/" + file.fileId(),
                Envelope.iso(file.createdAt()));
    }
}
