package io.voxify.gateway.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.admin.PlatformStats;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.job.JobStatus;
import io.voxify.events.sample.SampleStatus;
import io.voxify.gateway.web.Envelope;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Platform statistics as {@code GET /api/v1/admin/stats} answers them, in the order clients have always seen. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AdminStatsResponse(
        String generatedAt,
        Users users,
        Jobs jobs,
        List<DayCount> jobsPerDay,
        double audioSecondsSynthesised,
        List<VoiceUsage> topVoices,
        StatusCounts samples,
        StatusCounts clones,
        Storage storage) {

    /**
     * @param voiceName a shared voice's name by its id, for voices that are not clones
     */
    static AdminStatsResponse of(PlatformStats stats, Function<String, String> voiceName) {
        return new AdminStatsResponse(
                Envelope.iso(stats.asOf()),
                new Users(stats.totalUsers(), stats.activeUsers()),
                Jobs.of(stats),
                stats.jobsPerDay().stream()
                        .map(d -> new DayCount(d.day().toString(), d.jobs()))
                        .toList(),
                stats.audioSecondsSynthesised(),
                stats.topVoices().stream().map(v -> VoiceUsage.of(v, voiceName)).toList(),
                StatusCounts.of(SampleStatus.values(), stats.samplesByStatus(), SampleStatus::wireName),
                StatusCounts.of(CloneStatus.values(), stats.clonesByStatus(), CloneStatus::wireName),
                Storage.of(stats.storage()));
    }

    /** @param active30d users who signed in or created a job in the last 30 days */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Users(
            long total, @JsonProperty("active_30d") long active30d) {}

    /**
     * Jobs by status, then how they fare.
     *
     * @param failureRate failed out of finished jobs, null while none has finished
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Jobs(long total, Map<String, Long> byStatus, Double failureRate, SynthesisTime synthesisTimeMs) {
        static Jobs of(PlatformStats stats) {
            StatusCounts counts = StatusCounts.of(JobStatus.values(), stats.jobsByStatus(), JobStatus::wireName);
            PlatformStats.SynthesisTime time = stats.synthesisTime();
            return new Jobs(
                    counts.total(),
                    counts.byStatus(),
                    stats.failureRate(),
                    new SynthesisTime(time.p50Ms(), time.p95Ms(), time.measuredJobs()));
        }
    }

    /** Percentiles in milliseconds, null when no completed job has a measured time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SynthesisTime(Long p50, Long p95, long measuredJobs) {}

    /** @param date the UTC day, {@code 2026-01-02} */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DayCount(String date, long count) {}

    /** @param name the clone's or shared voice's name, null when the voice no longer exists */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VoiceUsage(
            String voiceModelId, String name, long jobCount, long completed, long failed, double audioSeconds) {
        static VoiceUsage of(PlatformStats.VoiceUsage voice, Function<String, String> voiceName) {
            return new VoiceUsage(
                    voice.voiceModelId(),
                    voice.cloneName() != null ? voice.cloneName() : voiceName.apply(voice.voiceModelId()),
                    voice.jobs(),
                    voice.completed(),
                    voice.failed(),
                    voice.audioSeconds());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Storage(Stored audioFiles, Stored voiceSamples, long totalBytes) {
        static Storage of(PlatformStats.Storage storage) {
            return new Storage(
                    new Stored(storage.audioFiles(), storage.audioFileBytes()),
                    new Stored(storage.samples(), storage.sampleBytes()),
                    storage.totalBytes());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stored(long count, long bytes) {}
}
