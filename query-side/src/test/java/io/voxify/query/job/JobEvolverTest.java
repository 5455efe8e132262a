package io.voxify.query.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.job.JobProgressedEvent;
import io.voxify.events.job.JobStartedEvent;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobUpdatedEvent;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.job.WebhookStatus;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.events.webhook.WebhookErrors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each event does to a job, the one definition the job list and the job's history share. */
class JobEvolverTest {
    static final String JOB = "job-1";
    static final SynthesisSettings SETTINGS =
            new SynthesisSettings(1.0, 0.0, 1.0, "wav", 22050, "neutral", true, "word", Map.of("speed", 1.0));
    static final AudioOutput OUTPUT =
            new AudioOutput("file-1", "audio/job-1.wav", "wav", "audio/wav", 22050, 1, 88_244, 2.0, "ab12");
    static final List<TimedText> TIMINGS =
            List.of(new TimedText("Hello", "word", 0.0, 0.4, 0, 5), new TimedText("world.", "word", 0.45, 0.9, 6, 12));
    /** Not on a millisecond: the stored row keeps milliseconds, and so must the evolver. */
    static final Instant START = Instant.parse("2026-03-01T10:00:00.123456789Z");

    /** A job's stream as the event store hands it over: each event one position and one second later. */
    static final class Stream {
        JobView job;
        long sequence = -1;
        Instant at = START.minusSeconds(1);

        JobView apply(Object event) {
            sequence++;
            at = at.plusSeconds(1);
            job = JobEvolver.evolve(job, event, sequence, at);
            return job;
        }
    }

    static JobCreatedEvent created(String text) {
        return new JobCreatedEvent(
                JOB,
                "user-1",
                text,
                "hash-1",
                "en",
                JobCreatedEvent.PLAIN_TEXT,
                "en_US-amy",
                SETTINGS,
                "https://example.org/hook");
    }

    static Instant millis(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }

    @Test
    void aCreatedJobIsPendingWithItsTextMeasured() {
        Stream stream = new Stream();
        JobView job = stream.apply(created("Hello  wörld, 🎉 twice"));

        assertThat(job.jobId()).isEqualTo(JOB);
        assertThat(job.version()).isZero();
        assertThat(job.userId()).isEqualTo("user-1");
        assertThat(job.voiceModelId()).isEqualTo("en_US-amy");
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.progress()).isZero();
        assertThat(job.progressMessage()).isEqualTo("Job queued for processing");
        assertThat(job.textLength()).as("code points, so the emoji counts once").isEqualTo(21);
        assertThat(job.wordCount()).isEqualTo(4);
        assertThat(job.textHash()).isEqualTo("hash-1");
        assertThat(job.textLanguage()).isEqualTo("en");
        assertThat(job.textFormat()).isEqualTo("plain");
        assertThat(job.settings()).isEqualTo(SETTINGS);
        assertThat(job.callbackUrl()).isEqualTo("https://example.org/hook");
        assertThat(job.createdAt()).isEqualTo(millis(START)).isEqualTo(job.updatedAt());
        assertThat(job.attempts()).isZero();
        assertThat(job.startedAt()).isNull();
        assertThat(job.completedAt()).isNull();
        assertThat(job.fileId()).isNull();
        assertThat(job.timestamps()).isNull();
        assertThat(job.webhook()).isNull();
    }

    @Test
    void ssmlMarkupIsNotCountedAsWordsButItsLengthIs() {
        String ssml = "<speak>Hello <break time=\"1s\"/> big world</speak>";
        JobView job = JobEvolver.evolve(
                null,
                new JobCreatedEvent(JOB, "user-1", ssml, "h", "en", JobCreatedEvent.SSML, "en_US-amy", SETTINGS, null),
                0,
                START);

        assertThat(job.wordCount()).isEqualTo(3);
        assertThat(job.textLength()).isEqualTo(ssml.length());
    }

    @Test
    void anUpdateReplacesTextSettingsAndCallbackAndCountsTheWordsAgain() {
        Stream stream = new Stream();
        stream.apply(created("one two"));
        SynthesisSettings slower = new SynthesisSettings(0.8, 0.0, 1.0, "mp3", 24000, "calm", false, null, Map.of());
        JobView job = stream.apply(new JobUpdatedEvent(JOB, "one two three", "hash-2", "fr", slower, null));

        assertThat(job.text()).isEqualTo("one two three");
        assertThat(job.textHash()).isEqualTo("hash-2");
        assertThat(job.textLanguage()).isEqualTo("fr");
        assertThat(job.wordCount()).isEqualTo(3);
        assertThat(job.settings()).isEqualTo(slower);
        assertThat(job.callbackUrl())
                .as("an update without a callback removes it")
                .isNull();
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.version()).isEqualTo(1);
        assertThat(job.createdAt()).isEqualTo(millis(START));
        assertThat(job.updatedAt()).isEqualTo(millis(START.plusSeconds(1)));
    }

    @Test
    void aRetryClearsTheFailedAttemptsErrorButKeepsWhenTheJobFirstStarted() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        JobView started = stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        assertThat(started.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(started.attempts()).isEqualTo(1);
        assertThat(started.progressMessage()).isEqualTo("Synthesis started");
        assertThat(started.startedAt()).isEqualTo(millis(START.plusSeconds(1)));

        stream.apply(new JobProgressedEvent(JOB, 1, 40, "Synthesising sentence 1 of 2"));
        JobView failed = stream.apply(new JobAttemptFailedEvent(JOB, 1, "engine crashed", "SYNTHESIS_FAILED", true));
        assertThat(failed.status())
                .as("one failed attempt does not end the job")
                .isEqualTo(JobStatus.PROCESSING);
        assertThat(failed.progressMessage()).isEqualTo("Attempt 1 failed: engine crashed");
        assertThat(failed.errorMessage()).isEqualTo("engine crashed");
        assertThat(failed.errorCode()).isEqualTo("SYNTHESIS_FAILED");
        assertThat(failed.progress()).isEqualTo(40);

        JobView retried = stream.apply(new JobStartedEvent(JOB, 2, "worker-b"));
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(retried.progress()).isZero();
        assertThat(retried.progressMessage()).isEqualTo("Retrying synthesis (attempt 2)");
        assertThat(retried.errorMessage()).isNull();
        assertThat(retried.errorCode()).isNull();
        assertThat(retried.startedAt()).isEqualTo(started.startedAt());
    }

    @Test
    void progressSetsTheFractionAndTheMessage() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        JobView job = stream.apply(new JobProgressedEvent(JOB, 1, 62.5, "Encoding"));

        assertThat(job.progress()).isEqualTo(62.5);
        assertThat(job.progressMessage()).isEqualTo("Encoding");
        assertThat(job.version()).isEqualTo(2);
    }

    @Test
    void completionRecordsTheAudioTheTimingsAndTheEnginesProcessingTime() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        stream.apply(new JobAttemptFailedEvent(JOB, 1, "timeout", "TIMEOUT", true));
        JobView job = stream.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700));

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.progressMessage()).isEqualTo("Synthesis completed");
        assertThat(job.fileId()).isEqualTo("file-1");
        assertThat(job.duration()).isEqualTo(2.0);
        assertThat(job.timestamps()).isEqualTo(TIMINGS);
        assertThat(job.completedAt()).isEqualTo(millis(START.plusSeconds(3)));
        assertThat(job.processingTimeMs()).as("as the engine measured it").isEqualTo(850);
        assertThat(job.errorMessage()).isNull();
        assertThat(job.errorCode()).isNull();
    }

    @Test
    void completionWithoutTimingsShowsAnEmptyList() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        JobView job = stream.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, null, 850, 700));

        assertThat(job.timestamps()).isEmpty();
    }

    @Test
    void failureEndsTheJobAndMeasuresItFromItsFirstStart() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        stream.apply(new JobStartedEvent(JOB, 2, "worker-b"));
        JobView job = stream.apply(new JobFailedEvent(JOB, "voice model missing", "VOICE_NOT_FOUND"));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.progressMessage()).isEqualTo("Synthesis failed");
        assertThat(job.errorMessage()).isEqualTo("voice model missing");
        assertThat(job.errorCode()).isEqualTo("VOICE_NOT_FOUND");
        assertThat(job.completedAt()).isEqualTo(millis(START.plusSeconds(3)));
        assertThat(job.processingTimeMs()).isEqualTo(2000);
    }

    @Test
    void aJobThatFailsBeforeStartingHasNoProcessingTime() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        JobView job = stream.apply(new JobFailedEvent(JOB, "timed out in the queue", "TIMEOUT"));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.processingTimeMs()).isNull();
    }

    @Test
    void cancellationEndsTheJobWhereItStood() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        stream.apply(new JobProgressedEvent(JOB, 1, 30, "Synthesising"));
        JobView job = stream.apply(new JobCancelledEvent(JOB, "user-1"));

        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.progressMessage()).isEqualTo("Job cancelled");
        assertThat(job.progress()).isEqualTo(30);
        assertThat(job.completedAt()).isEqualTo(millis(START.plusSeconds(3)));
        assertThat(job.processingTimeMs()).isNull();
    }

    @Test
    void retentionErasesTheTextAndRemovesTheAudioButKeepsTheJob() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        JobView completed = stream.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700));
        JobView expired = stream.apply(
                new JobContentExpiredEvent(JOB, "user-1", 30, OUTPUT, completed.textLength(), completed.wordCount()));

        assertThat(expired.text()).isEqualTo(Erasure.ERASED);
        assertThat(expired.textHash()).isNull();
        assertThat(expired.callbackUrl()).isNull();
        assertThat(expired.timestamps()).isEmpty();
        assertThat(expired.fileId()).as("the audio is removed").isNull();
        assertThat(expired.contentExpiredAt()).isEqualTo(millis(START.plusSeconds(3)));
        assertThat(expired.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(expired.duration()).isEqualTo(completed.duration());
        assertThat(expired.textLength()).isEqualTo(completed.textLength());
        assertThat(expired.completedAt()).isEqualTo(completed.completedAt());
        assertThat(expired.version()).isEqualTo(3);
        assertThat(completed.contentExpiredAt()).isNull();
    }

    @Test
    void aReplayAfterRetentionRebuildsTheJobAsTheLiveRowHadIt() {
        Stream live = new Stream();
        live.apply(created("Hello world."));
        live.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        JobView completed = live.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700));
        JobContentExpiredEvent expiry =
                new JobContentExpiredEvent(JOB, "user-1", 30, OUTPUT, completed.textLength(), completed.wordCount());
        JobView liveRow = live.apply(expiry);

        // The same stream read after the job's key was destroyed: its text, hash, callback and timings erased.
        Stream replay = new Stream();
        JobCreatedEvent erased = new JobCreatedEvent(
                JOB,
                "user-1",
                Erasure.ERASED,
                Erasure.ERASED,
                "en",
                JobCreatedEvent.PLAIN_TEXT,
                "en_US-amy",
                SETTINGS,
                Erasure.ERASED);
        replay.apply(erased);
        replay.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        replay.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, List.of(), 850, 700));
        assertThat(replay.apply(expiry)).isEqualTo(liveRow);
    }

    @Test
    void aWebhookIsShownFromTheMomentItIsDueThroughItsTriesToItsDelivery() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "worker-a"));
        JobView completed = stream.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700));
        assertThat(completed.webhook()).isNull();

        WebhookStatus due = stream.apply(new WebhookDueEvent(
                        JOB, "user-1", "whd_" + JOB, WebhookDueEvent.JOB_COMPLETED, "https://example.org/hook"))
                .webhook();
        assertThat(due)
                .isEqualTo(new WebhookStatus(
                        "whd_" + JOB,
                        "job.completed",
                        WebhookStatus.PENDING,
                        0,
                        null,
                        null,
                        null,
                        millis(START.plusSeconds(3)),
                        null));

        Instant tried = Instant.parse("2026-03-01T10:00:04.000999Z");
        Instant retryAt = Instant.parse("2026-03-01T10:01:04.5555Z");
        WebhookStatus failedTry = stream.apply(new WebhookAttemptedEvent(
                        JOB, "whd_" + JOB, 1, "https://example.org/hook", 503, null, 120, tried, retryAt))
                .webhook();
        assertThat(failedTry)
                .isEqualTo(new WebhookStatus(
                        "whd_" + JOB,
                        "job.completed",
                        WebhookStatus.PENDING,
                        1,
                        503,
                        WebhookErrors.HTTP_STATUS,
                        millis(tried),
                        millis(retryAt),
                        null));

        Instant delivered = Instant.parse("2026-03-01T10:01:05Z");
        stream.apply(new WebhookAttemptedEvent(
                JOB, "whd_" + JOB, 2, "https://example.org/hook", 200, null, 80, delivered, null));
        WebhookStatus done = stream.apply(new WebhookDeliveredEvent(JOB, "whd_" + JOB, 2, 200, delivered))
                .webhook();
        assertThat(done)
                .isEqualTo(new WebhookStatus(
                        "whd_" + JOB,
                        "job.completed",
                        WebhookStatus.DELIVERED,
                        2,
                        200,
                        null,
                        delivered,
                        null,
                        delivered));
        assertThat(stream.job.status())
                .as("the webhook leaves the job's own state alone")
                .isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void anAbandonedWebhookKeepsItsLastTrysErrorAsACategoryOnly() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobFailedEvent(JOB, "no voice", "VOICE_NOT_FOUND"));
        stream.apply(new WebhookDueEvent(
                JOB, "user-1", "whd_" + JOB, WebhookDueEvent.JOB_FAILED, "https://example.org/hook"));
        // A try recorded before categories existed carries the exception's text, which may quote the remote side.
        WebhookStatus tried = stream.apply(new WebhookAttemptedEvent(
                        JOB,
                        "whd_" + JOB,
                        1,
                        "https://example.org/hook",
                        null,
                        "ConnectException: Connection refused by 10.0.0.1",
                        5,
                        null,
                        null))
                .webhook();
        assertThat(tried.lastError()).isEqualTo(WebhookErrors.CONNECTION_REFUSED);
        assertThat(tried.lastAttemptAt())
                .as("a try without its own time is dated by its event")
                .isEqualTo(millis(stream.at));

        WebhookStatus abandoned = stream.apply(new WebhookAbandonedEvent(JOB, "whd_" + JOB, 1, "no further attempts"))
                .webhook();
        assertThat(abandoned.state()).isEqualTo(WebhookStatus.ABANDONED);
        assertThat(abandoned.nextAttemptAt()).isNull();
        assertThat(abandoned.lastError()).isEqualTo(WebhookErrors.CONNECTION_REFUSED);
        assertThat(abandoned.attempts()).isEqualTo(1);
    }

    @Test
    void everyEventCarriesTheJobsVersionAndTimeForward() {
        Stream stream = new Stream();
        List<Object> events = List.of(
                created("Hello world."),
                new JobStartedEvent(JOB, 1, "w"),
                new JobProgressedEvent(JOB, 1, 50, "half"),
                new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700),
                new WebhookDueEvent(JOB, "user-1", "whd_" + JOB, WebhookDueEvent.JOB_COMPLETED, "https://x.org/h"));
        for (Object event : events) {
            JobView job = stream.apply(event);
            assertThat(job.version()).isEqualTo(stream.sequence);
            assertThat(job.updatedAt()).isEqualTo(millis(stream.at));
        }
    }

    @Test
    void anEventStoredWithAnEarlierTimeDoesNotMoveTheJobsTimeBack() {
        JobView job = JobEvolver.evolve(null, created("Hello world."), 0, START);
        JobView started = JobEvolver.evolve(job, new JobStartedEvent(JOB, 1, "w"), 1, START.minusSeconds(5));

        assertThat(started.version()).isEqualTo(1);
        assertThat(started.updatedAt()).isEqualTo(millis(START));
        assertThat(started.startedAt()).isEqualTo(millis(START.minusSeconds(5)));
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        JobView created = JobEvolver.evolve(null, created("Hello world."), 0, START);
        JobView started = JobEvolver.evolve(created, new JobStartedEvent(JOB, 1, "w"), 1, START.plusSeconds(1));

        assertThat(JobEvolver.evolve(started, new JobStartedEvent(JOB, 1, "w"), 1, START.plusSeconds(9)))
                .isSameAs(started);
        assertThat(JobEvolver.evolve(started, new JobCancelledEvent(JOB, "user-1"), 0, START.plusSeconds(9)))
                .as("an older position")
                .isSameAs(started);
    }

    @Test
    void aCreationHandledAgainLeavesTheJobAsItIs() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "w"));
        JobView completed = stream.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700));

        assertThat(JobEvolver.evolve(completed, created("Hello world."), 0, START))
                .isSameAs(completed);
        assertThat(JobEvolver.evolve(completed, created("Something else entirely"), 99, START.plusSeconds(99)))
                .as("whatever its position: a job is created once")
                .isSameAs(completed);
    }

    @Test
    void anOldProgressStepHandledAfterCompletionDoesNotPutTheProgressBack() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobStartedEvent(JOB, 1, "w"));
        JobProgressedEvent step = new JobProgressedEvent(JOB, 1, 50, "half");
        stream.apply(step);
        JobView completed = stream.apply(new JobCompletedEvent(JOB, "user-1", 1, OUTPUT, TIMINGS, 850, 700));

        JobView again = JobEvolver.evolve(completed, step, 2, START.plusSeconds(60));
        assertThat(again).isSameAs(completed);
        assertThat(again.progress()).isEqualTo(100);
        assertThat(again.updatedAt()).isEqualTo(completed.updatedAt());
    }

    @Test
    void anyEventOfTheStreamHandledAgainLeavesTheJobAsItIs() {
        List<Object> events = List.of(
                created("Hello world."),
                new JobStartedEvent(JOB, 1, "w"),
                new JobProgressedEvent(JOB, 1, 50, "half"),
                new JobAttemptFailedEvent(JOB, 1, "crash", "E", true),
                new JobStartedEvent(JOB, 2, "w"),
                new JobCompletedEvent(JOB, "user-1", 2, OUTPUT, TIMINGS, 850, 700),
                new WebhookDueEvent(JOB, "user-1", "whd_" + JOB, WebhookDueEvent.JOB_COMPLETED, "https://x.org/h"),
                new WebhookAttemptedEvent(JOB, "whd_" + JOB, 1, "https://x.org/h", 204, null, 10, null, null),
                new WebhookDeliveredEvent(JOB, "whd_" + JOB, 1, 204, null));
        JobView[] after = new JobView[events.size()];
        JobView job = null;
        for (int i = 0; i < events.size(); i++) {
            job = JobEvolver.evolve(job, events.get(i), i, START.plusSeconds(i));
            after[i] = job;
        }

        // At-least-once delivery: any event handled before may come again, at any later point of the stream.
        for (int now = 0; now < events.size(); now++) {
            for (int again = 0; again <= now; again++) {
                assertThat(JobEvolver.evolve(after[now], events.get(again), again, START.plusSeconds(again)))
                        .as("event %d handled again after event %d", again, now)
                        .isSameAs(after[now]);
            }
        }
    }

    @Test
    void eventsOfAJobNeverCreatedAreNotAJob() {
        assertThat(JobEvolver.evolve(null, new JobStartedEvent(JOB, 1, "w"), 1, START))
                .isNull();
        assertThat(JobEvolver.evolve(
                        null, new WebhookDueEvent(JOB, "u", "d", "job.completed", "https://x.org/h"), 5, START))
                .isNull();
    }

    @Test
    void aDeletedJobIsGone() {
        Stream stream = new Stream();
        stream.apply(created("Hello world."));
        stream.apply(new JobCancelledEvent(JOB, "user-1"));

        assertThat(stream.apply(new JobDeletedEvent(JOB, "user-1", null))).isNull();
    }

    @Test
    void anEventThatIsNotAboutTheJobLeavesItAsItIs() {
        JobView job = JobEvolver.evolve(null, created("Hello world."), 0, START);
        Object other = new UserDisabledEvent("user-1", "admin-1");

        assertThat(JobEvolver.evolve(job, other, 1, START.plusSeconds(1))).isSameAs(job);
        assertThat(JobEvolver.evolve(null, other, 0, START)).isNull();
    }
}
