package io.voxify.saga.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.saga.work.BackgroundWorkPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingSagaTest {
    private static final String JOB = "job_train_1";
    private static final String USER = "user-1";
    private static final String CLONE = "vc_1";
    /** The clone timeout, shorter than three times the estimate below, so the estimate decides. */
    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(10);

    private static final BackgroundWorkPolicy POLICY = new BackgroundWorkPolicy(Duration.ofMinutes(2), CLONE_TIMEOUT);
    private static final double ESTIMATE_SECONDS = 400.2;
    private static final Duration TIMEOUT = Duration.ofSeconds(1201);
    private static final Duration RECHECK = TrainingSaga.RECHECK_INTERVAL;
    private static final CloneProfile PROFILE = new CloneProfile("flite:rms", 1.08, 1.2, 0.9, 1.02, 0.15, null);
    private static final CloneQuality QUALITY = new CloneQuality(120, 121, 0.01, 0.8, 0.3, 0.6, 0.72, "fit");

    private FixtureConfiguration fixture;
    private RecordingTrainingQueue queue;

    @BeforeEach
    void setUp() {
        SagaTestFixture<TrainingSaga> sagaFixture = new SagaTestFixture<>(TrainingSaga.class);
        queue = new RecordingTrainingQueue();
        sagaFixture.registerResource(queue);
        sagaFixture.registerResource(POLICY);
        fixture = sagaFixture;
    }

    /** Takes training jobs like a worker pool would, except when told to act as if its backlog were full. */
    static final class RecordingTrainingQueue implements TrainingWorkQueue {
        final List<String> accepted = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        private int refuseNext;

        void refuseNext(int times) {
            refuseNext = times;
        }

        @Override
        public boolean submitTraining(String trainingJobId, String userId) {
            assertThat(userId).isEqualTo(USER);
            if (refuseNext > 0) {
                refuseNext--;
                refused.add(trainingJobId);
                return false;
            }
            accepted.add(trainingJobId);
            return true;
        }
    }

    private static TrainingJobCreatedEvent created(boolean buildsClone) {
        return new TrainingJobCreatedEvent(
                JOB, USER, "vs_1", CLONE, new TrainingSettings(100, 0.001, 32, true), ESTIMATE_SECONDS, buildsClone, 1);
    }

    private static TrainingStartedEvent started() {
        return new TrainingStartedEvent(JOB, "worker-a");
    }

    private static VoiceCloneReadyEvent cloneReady() {
        return new VoiceCloneReadyEvent(CLONE, USER, PROFILE, QUALITY, CLONE, 30_000);
    }

    private static TrainingCompletedEvent completed() {
        return new TrainingCompletedEvent(JOB, CLONE, PROFILE, 0.2, QUALITY, 90_000, QUALITY, false);
    }

    private static FailTrainingCommand timedOut() {
        return new FailTrainingCommand(JOB, "Training did not finish within 1201 s", "SERVICE_UNAVAILABLE");
    }

    // starting

    @Test
    void aCreatedJobIsHandedToAWorkerAndFollowsItsClone() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(false))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith(TrainingSaga.TRAINING_JOB_ID, JOB)
                .expectAssociationWith(TrainingSaga.CLONE_ID, CLONE)
                .expectScheduledDeadlineWithName(TIMEOUT, TrainingSaga.TIMEOUT_DEADLINE)
                .expectScheduledDeadlineWithName(RECHECK, TrainingSaga.RECHECK_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(JOB);
    }

    @Test
    void theTimeoutIsTheCloneTimeoutWhenTheEstimateIsShort() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new TrainingJobCreatedEvent(
                        JOB, USER, "vs_1", CLONE, new TrainingSettings(3, 0.1, 1, false), 12.5, false, 1))
                .expectScheduledDeadlineWithName(CLONE_TIMEOUT, TrainingSaga.TIMEOUT_DEADLINE);
    }

    @Test
    void aRedeliveredCreationIsHandedOverOnlyOnce() {
        fixture.givenAPublished(created(true))
                .whenPublishingA(created(true))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(JOB);
    }

    @Test
    void aFullQueueIsAskedAgainLater() {
        queue.refuseNext(1);
        fixture.givenAPublished(created(false))
                .whenTimeElapses(BackgroundWorkPolicy.QUEUE_FULL_DELAY)
                .expectTriggeredDeadlinesWithName(TrainingSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.refused).containsExactly(JOB);
        assertThat(queue.accepted).containsExactly(JOB);
    }

    @Test
    void aJobStartedWhileItsRetryWaitedIsNotOfferedAgain() {
        queue.refuseNext(1);
        fixture.givenAPublished(created(false))
                .andThenAPublished(started())
                .whenTimeElapses(BackgroundWorkPolicy.QUEUE_FULL_DELAY.plus(RECHECK))
                .expectTriggeredDeadlinesWithName()
                .expectNoDispatchedCommands();
        assertThat(queue.refused).containsExactly(JOB);
        assertThat(queue.accepted).isEmpty();
    }

    // a clone still being built

    @Test
    void theJobIsHandedOverAgainWhenItsCloneIsReady() {
        fixture.givenAPublished(created(true))
                .whenPublishingA(cloneReady())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted)
                .as("once at creation (left pending by the worker), once when ready")
                .containsExactly(JOB, JOB);
    }

    @Test
    void aCloneReadyWhileTheQueueIsFullIsOfferedAgainLater() {
        fixture.givenAPublished(created(true))
                .whenPublishingA(cloneReadyAndQueueFull())
                .expectScheduledDeadlineWithName(BackgroundWorkPolicy.QUEUE_FULL_DELAY, TrainingSaga.DISPATCH_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.refused).containsExactly(JOB);
    }

    /** The clone turns ready just as the workers' backlog fills up. */
    private VoiceCloneReadyEvent cloneReadyAndQueueFull() {
        queue.refuseNext(1);
        return cloneReady();
    }

    @Test
    void anotherClonesEventsLeaveTheJobAlone() {
        fixture.givenAPublished(created(true))
                .whenPublishingA(
                        new VoiceCloneFailedEvent("vc_2", "The samples cannot be fitted", "SAMPLE_NOT_PROCESSED"))
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(JOB);
    }

    @Test
    void aJobNotYetStartedIsHandedOverAgainAfterEachRecheckInterval() {
        fixture.givenAPublished(created(true))
                .whenTimeElapses(RECHECK.multipliedBy(2))
                .expectTriggeredDeadlinesWithName(TrainingSaga.RECHECK_DEADLINE, TrainingSaga.RECHECK_DEADLINE)
                .expectScheduledDeadlineWithName(RECHECK, TrainingSaga.RECHECK_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(JOB, JOB, JOB);
    }

    @Test
    void aStartedJobIsNeitherRecheckedNorHandedOverWhenItsCloneTurnsReady() {
        fixture.givenAPublished(created(false))
                .andThenAPublished(started())
                .whenPublishingA(cloneReady())
                .expectNoScheduledDeadlineWithName(RECHECK, TrainingSaga.RECHECK_DEADLINE)
                .expectScheduledDeadlineWithName(TIMEOUT, TrainingSaga.TIMEOUT_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(queue.accepted).containsExactly(JOB);
    }

    @Test
    void aCloneThatCouldNotBeBuiltFailsTheJob() {
        fixture.givenAPublished(created(true))
                .whenPublishingA(
                        new VoiceCloneFailedEvent(CLONE, "The samples cannot be fitted", "SAMPLE_NOT_PROCESSED"))
                .expectDispatchedCommands(new FailTrainingCommand(
                        JOB, "The clone to train could not be built: The samples cannot be fitted", "CLONE_NOT_READY"));
    }

    @Test
    void aCloneThatFailsAfterTheJobStartedLeavesTheJobToItsWorker() {
        fixture.givenAPublished(created(true))
                .andThenAPublished(started())
                .whenPublishingA(new VoiceCloneFailedEvent(CLONE, "Refitting failed", "SAMPLE_NOT_PROCESSED"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aDeletedCloneFailsTheJobEvenWhileItRuns() {
        fixture.givenAPublished(created(false))
                .andThenAPublished(started())
                .whenPublishingA(new VoiceCloneDeletedEvent(CLONE, USER, USER, CLONE))
                .expectDispatchedCommands(
                        new FailTrainingCommand(JOB, "The clone being trained was deleted", "CLONE_NOT_FOUND"));
    }

    // timeout and ending

    @Test
    void theJobFailsWhenThreeTimesItsEstimatePasses() {
        fixture.givenAPublished(created(true))
                .andThenAPublished(started())
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(TrainingSaga.TIMEOUT_DEADLINE)
                .expectDispatchedCommands(timedOut());
    }

    @Test
    void aJobThatNeverStartedFailsAtTheTimeoutToo() {
        fixture.givenAPublished(created(true)).whenTimeElapses(TIMEOUT).expectDispatchedCommands(timedOut());
    }

    @Test
    void completionEndsTheSagaAndEveryDeadline() {
        fixture.givenAPublished(created(true))
                .andThenAPublished(started())
                .whenPublishingA(completed())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void failureBeforeTheStartEndsTheSagaAndTheRecheckToo() {
        fixture.givenAPublished(created(true))
                .whenPublishingA(
                        new TrainingFailedEvent(JOB, "The clone to train could not be built", "CLONE_NOT_READY"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void failureWhileRunningEndsTheSagaAndEveryDeadline() {
        fixture.givenAPublished(created(false))
                .andThenAPublished(started())
                .whenPublishingA(timedOutEvent())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void failureWhileAFullQueueWasToBeAskedAgainCancelsTheRetry() {
        queue.refuseNext(1);
        fixture.givenAPublished(created(false))
                .whenPublishingA(timedOutEvent())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void anEndedSagaNoLongerFollowsTheClone() {
        fixture.givenAPublished(created(false))
                .andThenAPublished(started())
                .andThenAPublished(completed())
                .whenPublishingA(new VoiceCloneDeletedEvent(CLONE, USER, USER, CLONE))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    private static TrainingFailedEvent timedOutEvent() {
        return new TrainingFailedEvent(JOB, "Training did not finish within 1201 s", "SERVICE_UNAVAILABLE");
    }
}
