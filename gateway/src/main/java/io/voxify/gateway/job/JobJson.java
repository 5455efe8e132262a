package io.voxify.gateway.job;

import io.voxify.events.job.JobView;
import io.voxify.gateway.web.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progress stream's payload for one state of a job: a map, as its keys for the audio and the error are there
 * only once the job has them (the job itself is a {@link JobResponse}).
 */
final class JobJson {
    private JobJson() {}

    /** The SSE payload for one state of a job. */
    static Map<String, Object> progress(JobView job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", job.jobId());
        data.put("progress", job.progress());
        data.put("status", job.status().wireName());
        data.put("message", job.progressMessage());
        if (job.fileId() != null) {
            data.put("output_file_path", JobResponse.audioUrl(job.fileId()));
            data.put("duration", job.duration());
        }
        if (job.errorMessage() != null) {
            data.put("error_message", job.errorMessage());
        }
        data.put("updated_at", Envelope.iso(job.updatedAt()));
        return data;
    }
}
