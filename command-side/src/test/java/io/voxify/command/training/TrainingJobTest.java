package io.voxify.command.training;

import static org.axonframework.test.matchers.Matchers.predicate;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.CompleteTrainingCommand;
import io.voxify.events.training.CreateTrainingJobCommand;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.RecordTrainingEpochCommand;
import io.voxify.events.training.StartTrainingCommand;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.events.training.TrainingWork;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingJobTest {
    private static final String JOB = "job_train_1";
    private static final String USER = "user-1";
    private static final String SAMPLE = "vs_1";
    private static final String CLONE = "vc_1";
    private static final String WORKER = "worker-a";
    /** The document's own request. */
    private static final TrainingSettings SETTINGS = new TrainingSettings(100, 0.001, 32, true);

    private static final CloneProfile PROFILE = new CloneProfile("flite:rms", 1.08, 1.2, 0.9, 1.02, 0.15, 1.4);
    private static final CloneQuality BEFORE = quality(0.050, 0.80, 0.70);

    private FixtureConfiguration<TrainingJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TrainingJob.class);
    }

    private static CloneQuality quality(double f0Error, double similarity, double score) {
        return new CloneQuality(120.0, 120.0 * (1 + f0Error), f0Error, similarity, 0.3, 0.6, score, "fit");
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    private static CreateTrainingJobCommand create(TrainingSettings settings, boolean buildsClone) {
        return new CreateTrainingJobCommand(JOB, USER, SAMPLE, CLONE, settings, 1800.0, buildsClone, 1);
    }

    private static TrainingJobCreatedEvent created() {
        return new TrainingJobCreatedEvent(JOB, USER, SAMPLE, CLONE, SETTINGS, 1800.0, true, 1);
    }

    private static TrainingStartedEvent started() {
        return new TrainingStartedEvent(JOB, WORKER);
    }

    private static TrainingEpochCompletedEvent epoch(int n) {
        return new TrainingEpochCompletedEvent(JOB, n, SETTINGS.epochs(), 0.5 / n, PROFILE, 900);
    }

    private static CompleteTrainingCommand complete(CloneQuality after, CloneQuality before) {
        return new CompleteTrainingCommand(JOB, PROFILE, 0.25, after, 91_000, before);
    }

    private static TrainingCompletedEvent completed(CloneQuality after, CloneQuality before, Boolean enhanced) {
        return new TrainingCompletedEvent(JOB, CLONE, PROFILE, 0.25, after, 91_000, before, enhanced);
    }

    // creation

    @Test
    void theDocumentsRequestCreatesAPendingJobThatBuildsItsClone() {
        fixture.givenNoPriorActivity()
                .when(create(SETTINGS, true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    static Stream<TrainingSettings> settingsOutOfRange() {
        return Stream.of(
                new TrainingSettings(0, 0.001, 32, true),
                new TrainingSettings(1001, 0.001, 32, true),
                new TrainingSettings(100, 0, 32, true),
                new TrainingSettings(100, 0.000001, 32, true),
                new TrainingSettings(100, 1.5, 32, true),
                new TrainingSettings(100, Double.NaN, 32, true),
                new TrainingSettings(100, 0.001, 0, true),
                new TrainingSettings(100, 0.001, 513, true));
    }

    @ParameterizedTest
    @MethodSource("settingsOutOfRange")
    void settingsOutOfRangeAreRefused(TrainingSettings settings) {
        fixture.givenNoPriorActivity()
                .when(create(settings, false))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void theEdgesOfEveryRangeAreAccepted() {
        TrainingSettings low = new TrainingSettings(1, 0.00001, 1, false);
        fixture.givenNoPriorActivity()
                .when(create(low, false))
                .expectEvents(new TrainingJobCreatedEvent(JOB, USER, SAMPLE, CLONE, low, 1800.0, false, 1));
        TrainingSettings high = new TrainingSettings(1000, 1.0, 512, true);
        new AggregateTestFixture<>(TrainingJob.class)
                .givenNoPriorActivity()
                .when(create(high, false))
                .expectEvents(new TrainingJobCreatedEvent(JOB, USER, SAMPLE, CLONE, high, 1800.0, false, 1));
    }

    static Stream<CreateTrainingJobCommand> requestsMissingWhatTheJobNeeds() {
        return Stream.of(
                new CreateTrainingJobCommand(JOB, USER, SAMPLE, CLONE, null, 1800.0, false, 1),
                new CreateTrainingJobCommand(JOB, USER, null, CLONE, SETTINGS, 1800.0, false, 1),
                new CreateTrainingJobCommand(JOB, USER, SAMPLE, null, SETTINGS, 1800.0, false, 1),
                new CreateTrainingJobCommand(JOB, USER, SAMPLE, CLONE, SETTINGS, 1800.0, false, 0));
    }

    @ParameterizedTest
    @MethodSource("requestsMissingWhatTheJobNeeds")
    void aJobWithoutSettingsASampleACloneOrSentencesToSpeakIsRefused(CreateTrainingJobCommand request) {
        fixture.givenNoPriorActivity()
                .when(request)
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    // running

    @Test
    void aWorkerClaimsThePendingJobAndGetsItsWork() {
        fixture.given(created())
                .when(new StartTrainingCommand(JOB, WORKER))
                .expectEvents(started())
                .expectResultMessagePayload(new TrainingWork(JOB, USER, SAMPLE, CLONE, SETTINGS));
    }

    @Test
    void aSecondWorkerCannotClaimARunningJob() {
        fixture.given(created(), started())
                .when(new StartTrainingCommand(JOB, "worker-b"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void epochsAreRecordedInOrder() {
        fixture.given(created(), started(), epoch(1))
                .when(new RecordTrainingEpochCommand(JOB, 2, 0.25, PROFILE, 900))
                .expectEvents(epoch(2));
    }

    @Test
    void anEpochOutOfOrderOrBeyondTheLastIsRefused() {
        fixture.given(created(), started(), epoch(1))
                .when(new RecordTrainingEpochCommand(JOB, 3, 0.2, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR));
        fixture.given(created(), started())
                .when(new RecordTrainingEpochCommand(JOB, 1, Double.NaN, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR));
        fixture.given(created())
                .when(new RecordTrainingEpochCommand(JOB, 1, 0.5, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION));
    }

    @Test
    void aFinishedJobCannotBeClaimed() {
        fixture.given(created(), started(), epoch(1), completed(BEFORE, BEFORE, false))
                .when(new StartTrainingCommand(JOB, "worker-b"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), new TrainingFailedEvent(JOB, "The clone it trains failed", "CLONE_NOT_READY"))
                .when(new StartTrainingCommand(JOB, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void theFirstEpochFollowsTheStart() {
        fixture.given(created(), started())
                .when(new RecordTrainingEpochCommand(JOB, 1, 0.5, PROFILE, 900))
                .expectEvents(epoch(1));
    }

    @Test
    void anEpochRecordedTwiceIsRefused() {
        fixture.given(created(), started(), epoch(1), epoch(2))
                .when(new RecordTrainingEpochCommand(JOB, 2, 0.25, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void noEpochFollowsTheLastOneTheSettingsAskFor() {
        TrainingSettings twoEpochs = new TrainingSettings(2, 0.001, 32, true);
        fixture.given(
                        new TrainingJobCreatedEvent(JOB, USER, SAMPLE, CLONE, twoEpochs, 60.0, false, 1),
                        started(),
                        new TrainingEpochCompletedEvent(JOB, 1, 2, 0.5, PROFILE, 900),
                        new TrainingEpochCompletedEvent(JOB, 2, 2, 0.4, PROFILE, 900))
                .when(new RecordTrainingEpochCommand(JOB, 3, 0.3, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void anInfiniteLossIsRefused() {
        fixture.given(created(), started())
                .when(new RecordTrainingEpochCommand(JOB, 1, Double.POSITIVE_INFINITY, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void noEpochIsRecordedOnceTheJobHasEnded() {
        fixture.given(created(), started(), epoch(1), completed(BEFORE, BEFORE, false))
                .when(new RecordTrainingEpochCommand(JOB, 2, 0.25, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(), epoch(1), new TrainingFailedEvent(JOB, "late", "SERVICE_UNAVAILABLE"))
                .when(new RecordTrainingEpochCommand(JOB, 2, 0.25, PROFILE, 900))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // the end, and what it made of the voice

    @Test
    void aMeasurablyBetterVoiceIsAnEnhancement() {
        CloneQuality after = quality(0.020, 0.82, 0.75);
        fixture.given(created(), started(), epoch(1))
                .when(complete(after, BEFORE))
                .expectEvents(completed(after, BEFORE, true));
    }

    @Test
    void aGainWithinTheNoiseIsNoEnhancement() {
        CloneQuality after = quality(0.048, 0.801, 0.705);
        fixture.given(created(), started(), epoch(1))
                .when(complete(after, BEFORE))
                .expectEvents(completed(after, BEFORE, false));
    }

    @Test
    void aPartWorseOnlyWithinRunToRunNoiseStillAllowsAnEnhancement() {
        CloneQuality after = quality(0.059, 0.796, 0.75);
        fixture.given(created(), started(), epoch(1))
                .when(complete(after, BEFORE))
                .expectEvents(completed(after, BEFORE, true));
    }

    @Test
    void aBetterScoreWithAWorsePitchIsNoEnhancement() {
        CloneQuality after = quality(0.080, 0.90, 0.80);
        fixture.given(created(), started(), epoch(1))
                .when(complete(after, BEFORE))
                .expectEvents(completed(after, BEFORE, false));
    }

    @Test
    void aBetterScoreWithAWorseTimbreIsNoEnhancement() {
        CloneQuality after = quality(0.0, 0.78, 0.80);
        fixture.given(created(), started(), epoch(1))
                .when(complete(after, BEFORE))
                .expectEvents(completed(after, BEFORE, false));
    }

    @Test
    void withoutAQualityToCompareWithEnhancementIsUnknown() {
        CloneQuality after = quality(0.020, 0.82, 0.75);
        fixture.given(created(), started(), epoch(1))
                .when(complete(after, null))
                .expectEvents(completed(after, null, null));
    }

    @Test
    void aJobCompletesOnlyAfterAnEpochRan() {
        fixture.given(created(), started())
                .when(complete(BEFORE, BEFORE))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION));
    }

    @Test
    void withoutAQualityAfterwardsEnhancementIsUnknown() {
        fixture.given(created(), started(), epoch(1))
                .when(complete(null, BEFORE))
                .expectEvents(completed(null, BEFORE, null));
    }

    @Test
    void onlyARunningJobCompletes() {
        fixture.given(created())
                .when(complete(BEFORE, BEFORE))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(), epoch(1), completed(BEFORE, BEFORE, false))
                .when(complete(BEFORE, BEFORE))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(), epoch(1), new TrainingFailedEvent(JOB, "late", "SERVICE_UNAVAILABLE"))
                .when(complete(BEFORE, BEFORE))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aRunningJobCanFailButAFailedOneCannotFailAgain() {
        fixture.given(created(), started(), epoch(1))
                .when(new FailTrainingCommand(JOB, "Training did not finish within 5400 s", "SERVICE_UNAVAILABLE"))
                .expectEvents(
                        new TrainingFailedEvent(JOB, "Training did not finish within 5400 s", "SERVICE_UNAVAILABLE"));
        fixture.given(created(), new TrainingFailedEvent(JOB, "The clone it trains failed", "CLONE_NOT_READY"))
                .when(new FailTrainingCommand(JOB, "The clone being trained was deleted", "CLONE_NOT_FOUND"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aPendingJobCanFailButAFinishedOneCannot() {
        fixture.given(created())
                .when(new FailTrainingCommand(JOB, "The clone it trains failed", "CLONE_NOT_READY"))
                .expectEvents(new TrainingFailedEvent(JOB, "The clone it trains failed", "CLONE_NOT_READY"));
        fixture.given(created(), started(), epoch(1), completed(BEFORE, BEFORE, false))
                .when(new FailTrainingCommand(JOB, "late", "SERVICE_UNAVAILABLE"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION));
    }
}
