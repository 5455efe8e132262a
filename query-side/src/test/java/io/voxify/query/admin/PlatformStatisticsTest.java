package io.voxify.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.admin.PlatformStats;
import io.voxify.events.admin.PlatformStatsQuery;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import io.voxify.query.clone.CloneProjection;
import io.voxify.query.library.LibraryProjection;
import io.voxify.query.sample.SampleProjection;
import io.voxify.query.user.UserProjection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administrators' figures over the user, sample, clone and voice-usage read models. The job figures come from
 * the job projection's tables, which are not fed here: they show as none.
 */
@ReadModelTest
class PlatformStatisticsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final SampleAudio AUDIO =
            new SampleAudio("samples/x.wav", "ab12", "wav", 1_000, 3.0, 16_000, 1, "x.wav");
    private static final CloneProfile PROFILE = new CloneProfile("flite:rms", 1.0, 1.0, 1.0, 1.0, 0.1, null);
    private static final CloneQuality QUALITY = new CloneQuality(120, 121, 0.01, 0.8, 0.3, 0.6, 0.72, "fit");

    @Autowired
    private PlatformStatistics statistics;

    @Autowired
    private UserProjection users;

    @Autowired
    private SampleProjection samples;

    @Autowired
    private CloneProjection clones;

    @Autowired
    private LibraryProjection library;

    @Autowired
    private Deliveries deliveries;

    private void register(String userId, Instant at) {
        deliveries.deliver(
                users,
                userId,
                0,
                at,
                new UserRegisteredEvent(userId, userId + "@example.com", "{bcrypt}h", null, null, Role.USER));
    }

    private void upload(String sampleId, long bytes) {
        deliveries.deliver(
                samples,
                sampleId,
                0,
                NOW,
                new VoiceSampleUploadedEvent(
                        sampleId,
                        "user_ann",
                        "s",
                        null,
                        "en-US",
                        null,
                        new SampleAudio("samples/" + sampleId, "00", "wav", bytes, 3.0, 16_000, 1, "x.wav")));
    }

    private void job(String jobId, String voice, double audioSeconds) {
        deliveries.deliver(
                library,
                jobId,
                0,
                NOW,
                new JobCreatedEvent(jobId, "user_ann", "Hi.", "h", "en", "plain", voice, null, null));
        if (audioSeconds > 0) {
            deliveries.deliver(
                    library,
                    jobId,
                    3,
                    NOW,
                    new JobCompletedEvent(
                            jobId,
                            "user_ann",
                            1,
                            new AudioOutput("f", "k", "wav", "audio/wav", 22_050, 1, 100, audioSeconds, "00"),
                            List.of(),
                            500,
                            200));
        }
    }

    @Test
    void usersCountAsActiveWhenTheySignedInWithinTheWindow() {
        register("user_ann", NOW.minus(Duration.ofDays(40)));
        register("user_bob", NOW.minus(Duration.ofDays(40)));
        register("user_cat", NOW.minus(Duration.ofDays(2)));
        deliveries.deliver(
                users, "user_ann", 1, NOW.minus(Duration.ofDays(3)), new UserLoggedInEvent("user_ann", "127.0.0.1"));
        deliveries.deliver(
                users, "user_bob", 1, NOW.minus(Duration.ofDays(31)), new UserLoggedInEvent("user_bob", "127.0.0.1"));

        PlatformStats stats = statistics.handle(new PlatformStatsQuery(NOW, 30, 5));
        assertThat(stats.totalUsers()).isEqualTo(3);
        assertThat(stats.activeUsers()).as("registering alone is no activity").isEqualTo(1);
    }

    @Test
    void samplesAndClonesAreCountedByStatusAndSamplesByTheirBytes() {
        upload("vs_1", 1_000);
        upload("vs_2", 2_500);
        deliveries.deliver(samples, "vs_2", 1, NOW, new SampleProcessingRequestedEvent("vs_2", "user_ann", "p", AUDIO));
        deliveries.deliver(
                clones,
                "vc_1",
                0,
                NOW,
                new VoiceCloneCreatedEvent("vc_1", "user_ann", List.of("vs_1"), "Mine", null, "en-US"));

        PlatformStats stats = statistics.handle(new PlatformStatsQuery(NOW, 7, 5));
        assertThat(stats.samplesByStatus()).isEqualTo(Map.of(SampleStatus.UPLOADED, 1L, SampleStatus.PROCESSING, 1L));
        assertThat(stats.clonesByStatus()).isEqualTo(Map.of(CloneStatus.PENDING, 1L));
        assertThat(stats.storage()).isEqualTo(new PlatformStats.Storage(0, 0, 2, 3_500));
    }

    @Test
    void theTopVoicesAreTheMostUsedWithTheirClonesNames() {
        deliveries.deliver(
                clones,
                "vc_1",
                0,
                NOW,
                new VoiceCloneCreatedEvent("vc_1", "user_ann", List.of("vs_1"), "Ann's voice", null, "en-US"));
        deliveries.deliver(
                clones, "vc_1", 1, NOW, new VoiceCloneReadyEvent("vc_1", "user_ann", PROFILE, QUALITY, "vec", 1_000));
        job("job_1", "vc_1", 2.0);
        job("job_2", "vc_1", 3.0);
        job("job_3", "default_voice_001", 1.5);
        job("job_4", "preset_gentle_female_001", 0);

        PlatformStats stats = statistics.handle(new PlatformStatsQuery(NOW, 7, 2));
        assertThat(stats.topVoices())
                .containsExactly(
                        new PlatformStats.VoiceUsage("vc_1", "Ann's voice", 2, 2, 0, 5.0),
                        new PlatformStats.VoiceUsage("default_voice_001", null, 1, 1, 0, 1.5));
        assertThat(stats.audioSecondsSynthesised()).isEqualTo(6.5);
    }

    @Test
    void withoutJobsEveryDayOfTheWindowShowsNoneAndNoTimesAreMeasured() {
        PlatformStats stats = statistics.handle(new PlatformStatsQuery(NOW, 3, 5));

        assertThat(stats.jobsPerDay())
                .containsExactly(
                        new PlatformStats.DayCount(LocalDate.of(2026, 12, 5), 0),
                        new PlatformStats.DayCount(LocalDate.of(2026, 12, 6), 0),
                        new PlatformStats.DayCount(LocalDate.of(2026, 12, 7), 0));
        assertThat(stats.synthesisTime()).isEqualTo(new PlatformStats.SynthesisTime(0, null, null));
        assertThat(stats.jobsByStatus()).isEmpty();
        assertThat(stats.failureRate()).isNull();
        assertThat(stats.totalUsers()).isZero();
        assertThat(stats.audioSecondsSynthesised()).isZero();
    }
}
