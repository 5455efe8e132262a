package io.voxify.gateway.admin;

import static io.voxify.gateway.admin.StatusCountsJson.counted;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.admin.PlatformStats;
import io.voxify.events.admin.PlatformStatsQuery;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.job.JobStatus;
import io.voxify.events.sample.SampleStatus;
import io.voxify.gateway.library.VoiceLibrary;
import io.voxify.gateway.web.Envelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform statistics for administrators, read from the projections at the moment of asking. */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/stats")
public class AdminStatsController {
    /** The activity window and the per-day history, in days. */
    static final int DAYS = 30;

    static final int TOP_VOICES = 10;

    private final QueryGateway queries;
    private final VoiceLibrary library;

    public AdminStatsController(QueryGateway queries, VoiceLibrary library) {
        this.queries = queries;
        this.library = library;
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> stats() {
        PlatformStats stats = queries.query(
                        new PlatformStatsQuery(Instant.now(), DAYS, TOP_VOICES), PlatformStats.class)
                .join();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generated_at", Envelope.iso(stats.asOf()));
        data.put("users", ordered("total", stats.totalUsers(), "active_30d", stats.activeUsers()));
        data.put("jobs", jobsJson(stats));
        data.put(
                "jobs_per_day",
                stats.jobsPerDay().stream()
                        .map(d -> ordered("date", d.day().toString(), "count", d.jobs()))
                        .toList());
        data.put("audio_seconds_synthesised", stats.audioSecondsSynthesised());
        data.put("top_voices", stats.topVoices().stream().map(this::voiceJson).toList());
        data.put("samples", counted(SampleStatus.values(), stats.samplesByStatus(), SampleStatus::wireName));
        data.put("clones", counted(CloneStatus.values(), stats.clonesByStatus(), CloneStatus::wireName));
        data.put("storage", storageJson(stats.storage()));
        return Envelope.ok(data);
    }

    private static Map<String, Object> jobsJson(PlatformStats stats) {
        Map<String, Object> jobs = counted(JobStatus.values(), stats.jobsByStatus(), JobStatus::wireName);
        jobs.put("failure_rate", stats.failureRate());
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("p50", stats.synthesisTime().p50Ms());
        time.put("p95", stats.synthesisTime().p95Ms());
        time.put("measured_jobs", stats.synthesisTime().measuredJobs());
        jobs.put("synthesis_time_ms", time);
        return jobs;
    }

    private static Map<String, Object> storageJson(PlatformStats.Storage storage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("audio_files", ordered("count", storage.audioFiles(), "bytes", storage.audioFileBytes()));
        json.put("voice_samples", ordered("count", storage.samples(), "bytes", storage.sampleBytes()));
        json.put("total_bytes", storage.totalBytes());
        return json;
    }

    private Map<String, Object> voiceJson(PlatformStats.VoiceUsage voice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("voice_model_id", voice.voiceModelId());
        json.put(
                "name",
                voice.cloneName() != null
                        ? voice.cloneName()
                        : library.sharedVoiceName(voice.voiceModelId()).orElse(null));
        json.put("job_count", voice.jobs());
        json.put("completed", voice.completed());
        json.put("failed", voice.failed());
        json.put("audio_seconds", voice.audioSeconds());
        return json;
    }

    private static Map<String, Object> ordered(String firstKey, Object first, String secondKey, Object second) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(firstKey, first);
        json.put(secondKey, second);
        return json;
    }
}
