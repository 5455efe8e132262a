package io.voxify.events.admin;

import io.voxify.events.clone.CloneStatus;
import io.voxify.events.job.JobStatus;
import io.voxify.events.sample.SampleStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Platform-wide figures, every one read from the projections. Job figures count the jobs that
 * exist now (a deleted job leaves them); {@code audioSecondsSynthesised} and {@code topVoices}
 * come from the library's usage statistics, which count every job ever created.
 *
 * @param activeUsers   users who signed in or created a job since {@code asOf} minus the window
 * @param jobsPerDay    one entry per UTC day, oldest first, days without jobs included
 * @param synthesisTime nearest-rank percentiles of the processing time of completed jobs
 */
public record PlatformStats(
        Instant asOf,
        long totalUsers,
        long activeUsers,
        Map<JobStatus, Long> jobsByStatus,
        List<DayCount> jobsPerDay,
        SynthesisTime synthesisTime,
        double audioSecondsSynthesised,
        List<VoiceUsage> topVoices,
        Map<SampleStatus, Long> samplesByStatus,
        Map<CloneStatus, Long> clonesByStatus,
        Storage storage) {

    public long jobs(JobStatus status) {
        return jobsByStatus.getOrDefault(status, 0L);
    }

    /** Failed out of finished (completed or failed) jobs; null while none has finished. */
    public Double failureRate() {
        long failed = jobs(JobStatus.FAILED);
        long finished = jobs(JobStatus.COMPLETED) + failed;
        return finished == 0 ? null : (double) failed / finished;
    }

    public record DayCount(LocalDate day, long jobs) {}

    /** Percentiles in milliseconds, null when no completed job has a measured time. */
    public record SynthesisTime(long measuredJobs, Long p50Ms, Long p95Ms) {}

    /** {@code cloneName} is set when the voice is a clone that still exists. */
    public record VoiceUsage(
            String voiceModelId, String cloneName, long jobs, long completed, long failed, double audioSeconds) {}

    /**
     * Bytes the read models record: synthesised audio files and the original recordings of voice
     * samples (samples recorded before sizes were projected count in {@code samples} only).
     */
    public record Storage(long audioFiles, long audioFileBytes, long samples, long sampleBytes) {
        public long totalBytes() {
            return audioFileBytes + sampleBytes;
        }
    }
}
