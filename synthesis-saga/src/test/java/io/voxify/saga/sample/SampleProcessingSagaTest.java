package io.voxify.saga.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.sample.FailSampleProcessingCommand;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.saga.work.BackgroundWorkPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SampleProcessingSagaTest {
    private static final String SAMPLE_ID = "sample-1";
    private static final String USER_ID = "user-1";
    private static final String JOB_1 = "proc-1";
    private static final String JOB_2 = "proc-2";
    private static final String BLOB_KEY = "samples/user-1/sample-1.wav";
    private static final SampleAudio AUDIO =
            new SampleAudio(BLOB_KEY, "f00dbabe", "wav", 441_044, 5.0, 44100, 1, "my voice.wav");
    private static final SampleMeasurements MEASUREMENTS =
            new SampleMeasurements(5.0, 4.2, 0.16, -21.5, -3.1, 0.0, 32.0, 182.0, 150.0, 230.0, 0.71, 4.1, -11.0);
    /** Sample and clone timeouts differ so that a saga reading the wrong one is caught. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static final BackgroundWorkPolicy POLICY = new BackgroundWorkPolicy(TIMEOUT, Duration.ofMinutes(10));
    private static final Duration QUEUE_FULL_DELAY = BackgroundWorkPolicy.QUEUE_FULL_DELAY;

    private FixtureConfiguration fixture;
    private RecordingSampleQueue queue;

    @BeforeEach
    void setUp() {
        SagaTestFixture<SampleProcessingSaga> sagaFixture = new SagaTestFixture<>(SampleProcessingSaga.class);
        queue = new RecordingSampleQueue();
        sagaFixture.registerResource(queue);
        sagaFixture.registerResource(POLICY);
        fixture = sagaFixture;
    }

    /** Takes tasks like a worker pool would, except when told to act as if its backlog were full. */
    static final class RecordingSampleQueue implements SampleWorkQueue {
        final List<SampleTask> accepted = new ArrayList<>();
        final List<SampleTask> refused = new ArrayList<>();
        private int refuseNext;

        void refuseNext(int times) {
            refuseNext = times;
        }

        @Override
        public boolean submitSample(SampleTask task) {
            if (refuseNext > 0) {
                refuseNext--;
                refused.add(task);
                return false;
            }
            accepted.add(task);
            return true;
        }
    }

    private static SampleTask task(String jobId) {
        return new SampleTask(SAMPLE_ID, jobId, USER_ID, BLOB_KEY);
    }

    private static SampleProcessingRequestedEvent requested(String jobId) {
        return new SampleProcessingRequestedEvent(SAMPLE_ID, USER_ID, jobId, AUDIO);
    }

    private static SampleProcessedEvent processed(String jobId) {
        return new SampleProcessedEvent(SAMPLE_ID, jobId, MEASUREMENTS, 0.87, SAMPLE_ID, "ecapa-voxceleb", 1500);
    }

    private static SampleRejectedEvent rejected(String jobId) {
        return new SampleRejectedEvent(
                SAMPLE_ID,
                jobId,
                MEASUREMENTS,
                List.of(new SampleIssue("TOO_SHORT", "2.1 s of speech, 3 s needed")),
                0.2,
                800);
    }

    private static SampleProcessingFailedEvent failed(String jobId) {
        return new SampleProcessingFailedEvent(SAMPLE_ID, jobId, "Decoder crashed", "INTERNAL_ERROR");
    }

    private static FailSampleProcessingCommand timedOut(String jobId) {
        return new FailSampleProcessingCommand(
                SAMPLE_ID, jobId, "Processing did not finish within 120 s", "SERVICE_UNAVAILABLE");
    }

    // starting

    @Test
    void aProcessingRequestStartsTheSagaAndSubmitsTheSample() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(JOB_1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith(SampleProcessingSaga.PROCESSING_JOB_ID, JOB_1)
                .expectAssociationWith(SampleProcessingSaga.SAMPLE_ID, SAMPLE_ID)
                .expectScheduledDeadlineWithName(TIMEOUT, SampleProcessingSaga.TIMEOUT_DEADLINE)
                .expectNoScheduledDeadlineWithName(QUEUE_FULL_DELAY, SampleProcessingSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(task(JOB_1));
    }

    @Test
    void theTaskNamesTheSampleTheRunTheOwnerAndTheRecording() {
        fixture.givenNoPriorActivity().whenPublishingA(requested(JOB_1));
        assertThat(queue.accepted).singleElement().satisfies(task -> {
            assertThat(task.sampleId()).isEqualTo(SAMPLE_ID);
            assertThat(task.processingJobId()).isEqualTo(JOB_1);
            assertThat(task.userId()).isEqualTo(USER_ID);
            assertThat(task.blobKey()).isEqualTo(BLOB_KEY);
        });
    }

    @Test
    void aRedeliveredRequestNeitherResubmitsNorSchedulesASecondTimeout() {
        fixture.givenAPublished(requested(JOB_1))
                .andThenAPublished(requested(JOB_1))
                .whenTimeElapses(TIMEOUT)
                .expectActiveSagas(1)
                .expectTriggeredDeadlinesWithName(SampleProcessingSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(timedOut(JOB_1));
        assertThat(queue.accepted).containsExactly(task(JOB_1));
    }

    @Test
    void eachProcessingRunHasItsOwnSaga() {
        fixture.givenAPublished(requested(JOB_1))
                .andThenAPublished(failed(JOB_1))
                .whenPublishingA(requested(JOB_2))
                .expectActiveSagas(1)
                .expectAssociationWith(SampleProcessingSaga.PROCESSING_JOB_ID, JOB_2)
                .expectScheduledDeadlineWithName(TIMEOUT, SampleProcessingSaga.TIMEOUT_DEADLINE);
        assertThat(queue.accepted).containsExactly(task(JOB_1), task(JOB_2));
    }

    // a full queue

    @Test
    void aFullQueueIsAskedAgainLater() {
        queue.refuseNext(1);
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(JOB_1))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(QUEUE_FULL_DELAY, SampleProcessingSaga.DISPATCH_DEADLINE)
                .expectScheduledDeadlineWithName(TIMEOUT, SampleProcessingSaga.TIMEOUT_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.refused).containsExactly(task(JOB_1));
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void theTaskAFullQueueRefusedIsSubmittedWhenTheDelayPasses() {
        queue.refuseNext(1);
        fixture.givenAPublished(requested(JOB_1))
                .whenTimeElapses(QUEUE_FULL_DELAY)
                .expectTriggeredDeadlinesWithName(SampleProcessingSaga.DISPATCH_DEADLINE)
                .expectNoScheduledDeadlineWithName(QUEUE_FULL_DELAY, SampleProcessingSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(task(JOB_1));
    }

    @Test
    void theTaskIsNotResubmittedBeforeTheDelayPasses() {
        queue.refuseNext(1);
        fixture.givenAPublished(requested(JOB_1))
                .whenTimeElapses(QUEUE_FULL_DELAY.minusMillis(1))
                .expectTriggeredDeadlines();
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void aQueueThatStaysFullIsAskedAgainAfterEachDelay() {
        queue.refuseNext(2);
        fixture.givenAPublished(requested(JOB_1))
                .whenTimeElapses(QUEUE_FULL_DELAY)
                .expectTriggeredDeadlinesWithName(SampleProcessingSaga.DISPATCH_DEADLINE)
                .expectScheduledDeadlineWithName(QUEUE_FULL_DELAY, SampleProcessingSaga.DISPATCH_DEADLINE);
        assertThat(queue.refused).containsExactly(task(JOB_1), task(JOB_1));
        assertThat(queue.accepted).isEmpty();
    }

    // timeout

    @Test
    void theRunFailsWhenItsTimeoutPasses() {
        fixture.givenAPublished(requested(JOB_1))
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(SampleProcessingSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(timedOut(JOB_1));
    }

    @Test
    void theRunIsNotFailedBeforeItsTimeout() {
        fixture.givenAPublished(requested(JOB_1))
                .whenTimeElapses(TIMEOUT.minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), SampleProcessingSaga.TIMEOUT_DEADLINE);
    }

    @Test
    void theSagaWaitsForTheFailureEventAfterItsTimeout() {
        fixture.givenAPublished(requested(JOB_1)).whenTimeElapses(TIMEOUT).expectActiveSagas(1);
    }

    // ending

    @Test
    void aProcessedSampleEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(processed(JOB_1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aRejectedSampleEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(rejected(JOB_1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aFailedRunEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(failed(JOB_1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aSampleDeletedWhileItIsProcessedEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aSampleDeletedWhileTheQueueIsFullIsNeverSubmitted() {
        queue.refuseNext(1);
        fixture.givenAPublished(requested(JOB_1))
                .andThenAPublished(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .whenTimeElapses(TIMEOUT)
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlines();
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void anotherSamplesDeletionLeavesTheRunAlone() {
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(new VoiceSampleDeletedEvent("sample-2", USER_ID, USER_ID, AUDIO, null))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(TIMEOUT, SampleProcessingSaga.TIMEOUT_DEADLINE);
    }

    @Test
    void theFailureSentOnTimeoutEndsTheSaga() throws Exception {
        fixture.givenAPublished(requested(JOB_1))
                .andThenTimeElapses(TIMEOUT)
                .whenPublishingA(new SampleProcessingFailedEvent(
                        SAMPLE_ID, JOB_1, "Processing did not finish within 120 s", "SERVICE_UNAVAILABLE"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aVerdictWhileTheQueueIsFullDropsTheDispatch() {
        queue.refuseNext(1);
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(failed(JOB_1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void nothingIsSubmittedOrFailedAfterTheSagaEnded() {
        queue.refuseNext(1);
        fixture.givenAPublished(requested(JOB_1))
                .andThenAPublished(processed(JOB_1))
                .whenTimeElapses(TIMEOUT.plusMinutes(1))
                .expectTriggeredDeadlines()
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void anotherRunsVerdictLeavesThisSagaAlone() {
        fixture.givenAPublished(requested(JOB_1))
                .whenPublishingA(processed(JOB_2))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(TIMEOUT, SampleProcessingSaga.TIMEOUT_DEADLINE);
    }
}
