package io.voxify.saga.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.sample.ReleaseSampleFromCloneCommand;
import io.voxify.saga.work.BackgroundWorkPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloneSagaTest {
    private static final String CLONE_ID = "clone-1";
    private static final String USER_ID = "user-1";
    /** Sample and clone timeouts differ so that a saga reading the wrong one is caught. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static final BackgroundWorkPolicy POLICY = new BackgroundWorkPolicy(Duration.ofMinutes(2), TIMEOUT);
    private static final Duration QUEUE_FULL_DELAY = BackgroundWorkPolicy.QUEUE_FULL_DELAY;

    private FixtureConfiguration fixture;
    private RecordingCloneQueue queue;

    @BeforeEach
    void setUp() {
        SagaTestFixture<CloneSaga> sagaFixture = new SagaTestFixture<>(CloneSaga.class);
        queue = new RecordingCloneQueue();
        sagaFixture.registerResource(queue);
        sagaFixture.registerResource(POLICY);
        fixture = sagaFixture;
    }

    /** Takes clones like a worker pool would, except when told to act as if its backlog were full. */
    static final class RecordingCloneQueue implements CloneWorkQueue {
        record Submission(String cloneId, String userId, int attempt) {}

        final List<Submission> accepted = new ArrayList<>();
        final List<Submission> refused = new ArrayList<>();
        private int refuseNext;

        void refuseNext(int times) {
            refuseNext = times;
        }

        @Override
        public boolean submitClone(String cloneId, String userId, int attempt) {
            if (refuseNext > 0) {
                refuseNext--;
                refused.add(new Submission(cloneId, userId, attempt));
                return false;
            }
            accepted.add(new Submission(cloneId, userId, attempt));
            return true;
        }
    }

    private static RecordingCloneQueue.Submission firstAttempt() {
        return new RecordingCloneQueue.Submission(CLONE_ID, USER_ID, 1);
    }

    /** The clone lets its samples go, whatever its end. */
    private static Object[] releases() {
        return new Object[] {
            new ReleaseSampleFromCloneCommand("sample-1", CLONE_ID),
            new ReleaseSampleFromCloneCommand("sample-2", CLONE_ID)
        };
    }

    private static VoiceCloneCreatedEvent created() {
        return new VoiceCloneCreatedEvent(CLONE_ID, USER_ID, List.of("sample-1", "sample-2"), "My voice", null, "en");
    }

    private static VoiceCloneReadyEvent ready() {
        return new VoiceCloneReadyEvent(
                CLONE_ID,
                USER_ID,
                new CloneProfile("en_US-amy-medium", 1.08, 0.9, 0.97, 1.02, 0.1, null),
                new CloneQuality(182.0, 179.5, 0.014, 0.81, 0.22, 0.55, 0.78, "fit"),
                CLONE_ID,
                4200);
    }

    private static VoiceCloneFailedEvent failed() {
        return new VoiceCloneFailedEvent(CLONE_ID, "No processed samples", "VALIDATION_ERROR");
    }

    private static VoiceCloneDeletedEvent deleted() {
        return new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, USER_ID, null);
    }

    private static FailVoiceCloneCommand timedOut() {
        return new FailVoiceCloneCommand(CLONE_ID, "Cloning did not finish within 600 s", "SERVICE_UNAVAILABLE");
    }

    // starting

    @Test
    void aCreatedCloneStartsTheSagaAndSubmitsTheFirstAttempt() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith(CloneSaga.CLONE_ID, CLONE_ID)
                .expectScheduledDeadlineWithName(TIMEOUT, CloneSaga.TIMEOUT_DEADLINE)
                .expectNoScheduledDeadlineWithName(QUEUE_FULL_DELAY, CloneSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(firstAttempt());
    }

    @Test
    void aRedeliveredCreationNeitherResubmitsNorSchedulesASecondTimeout() {
        fixture.givenAPublished(created())
                .andThenAPublished(created())
                .whenTimeElapses(TIMEOUT)
                .expectActiveSagas(1)
                .expectTriggeredDeadlinesWithName(CloneSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(timedOut());
        assertThat(queue.accepted).containsExactly(firstAttempt());
    }

    // a full queue

    @Test
    void aFullQueueIsAskedAgainLater() {
        queue.refuseNext(1);
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(QUEUE_FULL_DELAY, CloneSaga.DISPATCH_DEADLINE)
                .expectScheduledDeadlineWithName(TIMEOUT, CloneSaga.TIMEOUT_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.refused).containsExactly(firstAttempt());
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void theCloneAFullQueueRefusedIsSubmittedWhenTheDelayPasses() {
        queue.refuseNext(1);
        fixture.givenAPublished(created())
                .whenTimeElapses(QUEUE_FULL_DELAY)
                .expectTriggeredDeadlinesWithName(CloneSaga.DISPATCH_DEADLINE)
                .expectNoScheduledDeadlineWithName(QUEUE_FULL_DELAY, CloneSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(firstAttempt());
    }

    @Test
    void theCloneIsNotResubmittedBeforeTheDelayPasses() {
        queue.refuseNext(1);
        fixture.givenAPublished(created())
                .whenTimeElapses(QUEUE_FULL_DELAY.minusMillis(1))
                .expectTriggeredDeadlines();
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void aQueueThatStaysFullIsAskedAgainAfterEachDelay() {
        queue.refuseNext(2);
        fixture.givenAPublished(created())
                .whenTimeElapses(QUEUE_FULL_DELAY)
                .expectTriggeredDeadlinesWithName(CloneSaga.DISPATCH_DEADLINE)
                .expectScheduledDeadlineWithName(QUEUE_FULL_DELAY, CloneSaga.DISPATCH_DEADLINE);
        assertThat(queue.refused).containsExactly(firstAttempt(), firstAttempt());
        assertThat(queue.accepted).isEmpty();
    }

    // timeout

    @Test
    void theCloneFailsWhenItsTimeoutPasses() {
        fixture.givenAPublished(created())
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(CloneSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(timedOut());
    }

    @Test
    void theCloneIsNotFailedBeforeItsTimeout() {
        fixture.givenAPublished(created())
                .whenTimeElapses(TIMEOUT.minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), CloneSaga.TIMEOUT_DEADLINE);
    }

    // ending

    @Test
    void aReadyCloneEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(created())
                .whenPublishingA(ready())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(releases());
    }

    @Test
    void aFailedCloneEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(created())
                .whenPublishingA(failed())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(releases());
    }

    @Test
    void aDeletedCloneEndsTheSagaAndItsDeadlines() {
        fixture.givenAPublished(created())
                .whenPublishingA(deleted())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(releases());
    }

    @Test
    void aCloneDeletedWhileTheQueueIsFullDropsTheDispatch() {
        queue.refuseNext(1);
        fixture.givenAPublished(created())
                .whenPublishingA(deleted())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(releases());
    }

    @Test
    void nothingIsSubmittedOrFailedAfterTheSagaEnded() {
        queue.refuseNext(1);
        fixture.givenAPublished(created())
                .andThenAPublished(deleted())
                .whenTimeElapses(TIMEOUT.plusMinutes(1))
                .expectTriggeredDeadlines()
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).isEmpty();
    }

    @Test
    void anotherClonesEventsLeaveThisSagaAlone() {
        fixture.givenAPublished(created())
                .whenPublishingA(new VoiceCloneDeletedEvent("clone-2", USER_ID, USER_ID, null))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(TIMEOUT, CloneSaga.TIMEOUT_DEADLINE);
    }
}
