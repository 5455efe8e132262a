package io.voxify.saga.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.FailJobCommand;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.job.JobStartedEvent;
import io.voxify.events.job.SynthesisSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SynthesisSagaTest {
    private static final String JOB_ID = "job-1";
    private static final String USER_ID = "user-1";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(2);
    private static final SynthesisPolicy POLICY = new SynthesisPolicy(TIMEOUT, 3, FIRST_RETRY_DELAY);
    private static final SynthesisSettings SETTINGS =
            new SynthesisSettings(1.0, 1.0, 1.0, "mp3", 22050, null, false, null, Map.of());

    private FixtureConfiguration fixture;
    private RecordingWorkQueue queue;

    @BeforeEach
    void setUp() {
        SagaTestFixture<SynthesisSaga> sagaFixture = new SagaTestFixture<>(SynthesisSaga.class);
        queue = new RecordingWorkQueue();
        sagaFixture.registerResource(queue);
        sagaFixture.registerResource(POLICY);
        fixture = sagaFixture;
    }

    /** Takes attempts like a worker pool would, except when told to act as if its backlog were full. */
    static final class RecordingWorkQueue implements SynthesisWorkQueue {
        record Submission(String jobId, String userId, int attempt) {}

        final List<Submission> accepted = new ArrayList<>();
        final List<Submission> refused = new ArrayList<>();
        private int refuseNext;

        void refuseNext(int times) {
            refuseNext = times;
        }

        @Override
        public boolean submit(String jobId, String userId, int attempt) {
            if (refuseNext > 0) {
                refuseNext--;
                refused.add(new Submission(jobId, userId, attempt));
                return false;
            }
            accepted.add(new Submission(jobId, userId, attempt));
            return true;
        }
    }

    private static RecordingWorkQueue.Submission attempt(int attempt) {
        return new RecordingWorkQueue.Submission(JOB_ID, USER_ID, attempt);
    }

    private static JobCreatedEvent created() {
        return new JobCreatedEvent(
                JOB_ID, USER_ID, "Hello there.", "hash", "en", "plain", "en_US-amy-medium", SETTINGS, null);
    }

    private static JobAttemptFailedEvent retryableFailure(int attempt) {
        return new JobAttemptFailedEvent(JOB_ID, attempt, "Synthesis failed: IOException", "INTERNAL_ERROR", true);
    }

    private static Matcher<DeadlineMessage<?>> dispatchOf(int attempt) {
        return predicate(d -> SynthesisSaga.DISPATCH_DEADLINE.equals(d.getDeadlineName())
                && Integer.valueOf(attempt).equals(d.getPayload()));
    }

    // starting

    @Test
    void aCreatedJobStartsTheSagaAndSubmitsTheFirstAttempt() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("jobId", JOB_ID)
                .expectScheduledDeadlineWithName(TIMEOUT, SynthesisSaga.TIMEOUT_DEADLINE)
                .expectNoScheduledDeadlineWithName(SynthesisSaga.QUEUE_FULL_DELAY, SynthesisSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void aRedeliveredCreationNeitherResubmitsNorSchedulesASecondTimeout() {
        fixture.givenAPublished(created())
                .andThenAPublished(created())
                .whenTimeElapses(TIMEOUT)
                .expectActiveSagas(1)
                .expectTriggeredDeadlinesWithName(SynthesisSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(
                        new FailJobCommand(JOB_ID, "Synthesis did not finish within 600 s", "SERVICE_UNAVAILABLE"));
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void aFullQueueIsAskedAgainLater() {
        queue.refuseNext(1);
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectActiveSagas(1)
                .expectScheduledDeadlineMatching(SynthesisSaga.QUEUE_FULL_DELAY, dispatchOf(1))
                .expectNoDispatchedCommands();
        assertThat(queue.refused).containsExactly(attempt(1));
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void theAttemptAFullQueueRefusedIsSubmittedWhenTheDelayPasses() {
        queue.refuseNext(1);
        fixture.givenAPublished(created())
                .whenTimeElapses(SynthesisSaga.QUEUE_FULL_DELAY)
                .expectTriggeredDeadlinesWithName(SynthesisSaga.DISPATCH_DEADLINE)
                .expectNoScheduledDeadlineWithName(SynthesisSaga.QUEUE_FULL_DELAY, SynthesisSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void aQueueThatStaysFullIsAskedAgainAfterEachDelay() {
        queue.refuseNext(2);
        fixture.givenAPublished(created())
                .whenTimeElapses(SynthesisSaga.QUEUE_FULL_DELAY)
                .expectScheduledDeadlineMatching(SynthesisSaga.QUEUE_FULL_DELAY, dispatchOf(1));
        assertThat(queue.refused).containsExactly(attempt(1), attempt(1));
        assertThat(queue.accepted).isEmpty();
    }

    // retries

    @Test
    void aRetryableFailureSchedulesTheNextAttemptAfterTheFirstDelay() {
        fixture.givenAPublished(created())
                .andThenAPublished(new JobStartedEvent(JOB_ID, 1, "worker-a"))
                .whenPublishingA(retryableFailure(1))
                .expectActiveSagas(1)
                .expectScheduledDeadlineMatching(FIRST_RETRY_DELAY, dispatchOf(2))
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void theRetryIsSubmittedWhenTheDelayPasses() {
        fixture.givenAPublished(created())
                .andThenAPublished(retryableFailure(1))
                .whenTimeElapses(FIRST_RETRY_DELAY)
                .expectTriggeredDeadlinesWithName(SynthesisSaga.DISPATCH_DEADLINE)
                .expectTriggeredDeadlines(2)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(attempt(1), attempt(2));
    }

    @Test
    void theRetryIsNotSubmittedBeforeTheDelayPasses() {
        fixture.givenAPublished(created())
                .andThenAPublished(retryableFailure(1))
                .whenTimeElapses(FIRST_RETRY_DELAY.minusMillis(1))
                .expectTriggeredDeadlines();
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void theDelayDoublesForEachFurtherRetry() throws Exception {
        fixture.givenAPublished(created())
                .andThenAPublished(retryableFailure(1))
                .andThenTimeElapses(FIRST_RETRY_DELAY)
                .whenPublishingA(retryableFailure(2))
                .expectScheduledDeadlineMatching(FIRST_RETRY_DELAY.multipliedBy(2), dispatchOf(3))
                .expectNoDispatchedCommands();
    }

    @Test
    void aNonRetryableFailureFailsTheJob() {
        fixture.givenAPublished(created())
                .whenPublishingA(new JobAttemptFailedEvent(
                        JOB_ID, 1, "Voice model v9 is no longer available", "VOICE_MODEL_NOT_FOUND", false))
                .expectDispatchedCommands(
                        new FailJobCommand(JOB_ID, "Voice model v9 is no longer available", "VOICE_MODEL_NOT_FOUND"))
                .expectNoScheduledDeadlineWithName(FIRST_RETRY_DELAY, SynthesisSaga.DISPATCH_DEADLINE);
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void aRetryableFailureOfTheLastAttemptGivesUp() throws Exception {
        fixture.givenAPublished(created())
                .andThenAPublished(retryableFailure(1))
                .andThenTimeElapses(FIRST_RETRY_DELAY)
                .andThenAPublished(retryableFailure(2))
                .andThenTimeElapses(FIRST_RETRY_DELAY.multipliedBy(2))
                .whenPublishingA(retryableFailure(3))
                .expectDispatchedCommands(new FailJobCommand(
                        JOB_ID, "Synthesis failed: IOException (gave up after 3 attempts)", "INTERNAL_ERROR"))
                .expectNoScheduledDeadlineMatching(dispatchOf(4));
        assertThat(queue.accepted).containsExactly(attempt(1), attempt(2), attempt(3));
    }

    // timeout

    @Test
    void theJobFailsWhenItsTimeoutPasses() {
        fixture.givenAPublished(created())
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(SynthesisSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(
                        new FailJobCommand(JOB_ID, "Synthesis did not finish within 600 s", "SERVICE_UNAVAILABLE"));
    }

    @Test
    void theJobIsNotFailedBeforeItsTimeout() {
        fixture.givenAPublished(created())
                .whenTimeElapses(TIMEOUT.minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), SynthesisSaga.TIMEOUT_DEADLINE);
    }

    @Test
    void theTimeoutCountsFromCreationNotFromTheLatestAttempt() throws Exception {
        fixture.givenAPublished(created())
                .andThenTimeElapses(Duration.ofMinutes(4))
                .andThenAPublished(retryableFailure(1))
                .whenTimeElapses(Duration.ofMinutes(6))
                .expectDispatchedCommands(
                        new FailJobCommand(JOB_ID, "Synthesis did not finish within 600 s", "SERVICE_UNAVAILABLE"));
    }

    // ending

    @Test
    void aCompletedJobEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(created())
                .whenPublishingA(new JobCompletedEvent(
                        JOB_ID,
                        USER_ID,
                        1,
                        new AudioOutput(
                                "file-1", "audio/job-1/file-1.mp3", "mp3", "audio/mpeg", 22050, 1, 1000, 1.0, "abc"),
                        List.of(),
                        1000,
                        800))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aFailedJobEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(created())
                .andThenAPublished(new JobAttemptFailedEvent(JOB_ID, 1, "bad voice", "VOICE_MODEL_NOT_FOUND", false))
                .whenPublishingA(new JobFailedEvent(JOB_ID, "bad voice", "VOICE_MODEL_NOT_FOUND"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aJobCancelledWhileWaitingForARetryEndsTheSagaAndDropsTheRetry() {
        fixture.givenAPublished(created())
                .andThenAPublished(retryableFailure(1))
                .whenPublishingA(new JobCancelledEvent(JOB_ID, USER_ID))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aPendingJobDeletedWhileTheQueueIsFullEndsTheSagaAndDropsTheDispatch() {
        queue.refuseNext(1);
        fixture.givenAPublished(created())
                .whenPublishingA(new JobDeletedEvent(JOB_ID, USER_ID, null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void nothingIsSubmittedOrFailedAfterTheSagaEnded() {
        fixture.givenAPublished(created())
                .andThenAPublished(retryableFailure(1))
                .andThenAPublished(new JobCancelledEvent(JOB_ID, USER_ID))
                .whenTimeElapses(TIMEOUT.plusMinutes(1))
                .expectTriggeredDeadlines()
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(attempt(1));
    }

    @Test
    void anotherJobsEventsLeaveThisSagaAlone() {
        fixture.givenAPublished(created())
                .whenPublishingA(new JobCancelledEvent("job-2", USER_ID))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(TIMEOUT, SynthesisSaga.TIMEOUT_DEADLINE);
    }
}
