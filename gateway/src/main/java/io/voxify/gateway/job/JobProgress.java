package io.voxify.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.job.JobView;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.sse.StreamedState;

/**
 * One state of a job on its progress stream (the job itself is a {@link JobResponse}).
 *
 * @param audio        only once the job has its audio: its keys then sit at the top, and are absent before
 * @param errorMessage only when the job has an error; the key is absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobProgress(
        String jobId,
        double progress,
        String status,
        String message,
        @JsonUnwrapped Audio audio,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage,
        String updatedAt)
        implements StreamedState {

    public static JobProgress of(JobView job) {
        return new JobProgress(
                job.jobId(),
                job.progress(),
                job.status().wireName(),
                job.progressMessage(),
                job.fileId() == null ? null : new Audio(JobResponse.audioUrl(job.fileId()), job.duration()),
                job.errorMessage(),
                Envelope.iso(job.updatedAt()));
    }

    @Override
    public JobProgress withoutTime() {
        return new JobProgress(jobId, progress, status, message, audio, errorMessage, null);
    }

    /** Where the job's audio is, and its length in seconds (null while unknown, and then written as null). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Audio(String outputFilePath, Double duration) {}
}
