package io.voxify.query.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.ExpirableJob;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.FindJobsToExpireQuery;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.job.JobStartedEvent;
import io.voxify.events.job.JobView;
import io.voxify.events.privacy.Erasure;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Retention in the job list and the audio files: what an expiry leaves, and which jobs are due for one. */
@ReadModelTest
class JobRetentionProjectionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String USER = "user_ann";

    @Autowired
    private JobProjection jobs;

    @Autowired
    private AudioFileProjection files;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void deliver(String jobId, long sequence, Instant at, Object event) {
        deliveries.deliver(jobs, jobId, sequence, at, event);
        deliveries.deliver(files, jobId, sequence, at, event);
    }

    private static AudioOutput output(String jobId) {
        return new AudioOutput(
                "file_" + jobId,
                "audio/" + jobId + "/file_" + jobId + ".wav",
                "wav",
                "audio/wav",
                22050,
                1,
                88_244,
                2.0,
                "ab12");
    }

    private static JobCreatedEvent created(String jobId) {
        return new JobCreatedEvent(
                jobId,
                USER,
                "Meet me at the station at nine.",
                "hash-" + jobId,
                "en",
                JobCreatedEvent.PLAIN_TEXT,
                "en_US-amy",
                JobEvolverTest.SETTINGS,
                "https://example.org/hook");
    }

    /** A job created at {@code at} that completed a minute later. */
    private void completedJob(String jobId, Instant at) {
        deliver(jobId, 0, at, created(jobId));
        deliver(jobId, 1, at.plusSeconds(1), new JobStartedEvent(jobId, 1, "worker-a"));
        deliver(
                jobId,
                2,
                at.plusSeconds(60),
                new JobCompletedEvent(jobId, USER, 1, output(jobId), JobEvolverTest.TIMINGS, 850, 700));
    }

    private JobView job(String jobId) {
        return jobs.handle(new FindJobQuery(jobId)).orElseThrow();
    }

    private List<String> due(Instant endedBefore, int limit) {
        List<String> ids = new ArrayList<>();
        ExpirableJob after = null;
        while (true) {
            List<ExpirableJob> page = jobs.handle(new FindJobsToExpireQuery(endedBefore, after, limit));
            page.forEach(j -> ids.add(j.jobId()));
            if (page.size() < limit) {
                return ids;
            }
            after = page.get(page.size() - 1);
        }
    }

    @Test
    void anExpiredJobShowsItsTextErasedAndHasNoAudioLeft() {
        completedJob("job_old", T0);
        assertThat(files.handle(new FindFileQuery("job_old"))).isPresent();

        deliver(
                "job_old",
                3,
                T0.plus(Duration.ofDays(31)),
                new JobContentExpiredEvent("job_old", USER, 30, output("job_old"), 12, 3));

        JobView job = job("job_old");
        assertThat(job.text()).isEqualTo(Erasure.ERASED);
        assertThat(job.textHash()).isNull();
        assertThat(job.callbackUrl()).isNull();
        assertThat(job.timestamps()).isEmpty();
        assertThat(job.fileId()).isNull();
        assertThat(job.contentExpiredAt()).isEqualTo(T0.plus(Duration.ofDays(31)));
        assertThat(job.status().wireName()).isEqualTo("completed");
        assertThat(job.duration()).isEqualTo(2.0);
        assertThat(files.handle(new FindFileQuery("job_old"))).as("by job").isEmpty();
        assertThat(files.handle(new FindFileQuery("file_job_old")))
                .as("by file")
                .isEmpty();
    }

    @Test
    void anExpiryHandledAgainLeavesTheSameRow() {
        completedJob("job_again", T0);
        JobContentExpiredEvent expired = new JobContentExpiredEvent("job_again", USER, 30, output("job_again"), 12, 3);
        deliver("job_again", 3, T0.plus(Duration.ofDays(31)), expired);
        JobView once = job("job_again");
        deliver("job_again", 3, T0.plus(Duration.ofDays(31)), expired);

        assertThat(job("job_again")).isEqualTo(once);
    }

    @Test
    void finishedJobsThatEndedBeforeTheCutoffAreDueOnceInTheOrderTheyEnded() {
        completedJob("job_b", T0);
        completedJob("job_a", T0); // ended at the same instant: by id
        deliver("job_failed", 0, T0.plusSeconds(100), created("job_failed"));
        deliver("job_failed", 1, T0.plusSeconds(200), new JobFailedEvent("job_failed", "no voice", "VOICE_NOT_FOUND"));
        deliver("job_cancelled", 0, T0.plusSeconds(300), created("job_cancelled"));
        deliver("job_cancelled", 1, T0.plusSeconds(400), new JobCancelledEvent("job_cancelled", USER));
        completedJob("job_young", T0.plus(Duration.ofDays(2)));
        deliver("job_pending", 0, T0, created("job_pending"));
        deliver("job_running", 0, T0, created("job_running"));
        deliver("job_running", 1, T0.plusSeconds(1), new JobStartedEvent("job_running", 1, "worker-a"));
        completedJob("job_done", T0);
        deliver(
                "job_done",
                3,
                T0.plus(Duration.ofDays(1)),
                new JobContentExpiredEvent("job_done", USER, 1, null, 31, 7));
        completedJob("job_deleted", T0);
        deliver("job_deleted", 3, T0.plusSeconds(500), new JobDeletedEvent("job_deleted", USER, null));

        Instant cutoff = T0.plus(Duration.ofDays(1));
        List<String> expected = List.of("job_a", "job_b", "job_failed", "job_cancelled");
        assertThat(due(cutoff, 100)).isEqualTo(expected);
        assertThat(due(cutoff, 1)).as("page by page").isEqualTo(expected);
        assertThat(due(cutoff, 3)).isEqualTo(expected);
        assertThat(due(T0.plusSeconds(60), 100))
                .as("ended exactly at the cutoff: not yet")
                .isEmpty();
        assertThat(jobs.handle(new FindJobsToExpireQuery(cutoff, null, 2)))
                .containsExactly(
                        new ExpirableJob("job_a", USER, T0.plusSeconds(60), 31, 7),
                        new ExpirableJob("job_b", USER, T0.plusSeconds(60), 31, 7));
    }
}
