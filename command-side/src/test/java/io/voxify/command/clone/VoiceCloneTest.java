package io.voxify.command.clone;

import static org.axonframework.test.matchers.Matchers.predicate;

import io.voxify.events.clone.CloneFitQuality;
import io.voxify.events.clone.CloneFittingProgressedEvent;
import io.voxify.events.clone.CloneFittingStartedEvent;
import io.voxify.events.clone.CloneGenerationRequestedEvent;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneWork;
import io.voxify.events.clone.CompleteVoiceCloneCommand;
import io.voxify.events.clone.CreateVoiceCloneCommand;
import io.voxify.events.clone.DeleteVoiceCloneCommand;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.RecordCloneFittingProgressCommand;
import io.voxify.events.clone.StartCloneFittingCommand;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VoiceCloneTest {
    private static final String CLONE_ID = "clone-1";
    private static final String USER_ID = "user-1";
    private static final String WORKER = "worker-a";
    private static final List<String> SAMPLES = List.of("sample-1", "sample-2");
    private static final String GENERATION = "job_gen_1";
    private static final CloneGenerationSettings SETTINGS =
            new CloneGenerationSettings("preset_en_us_male_001", CloneFitQuality.BEST);
    private static final CloneProfile PROFILE = new CloneProfile("en_US-amy-medium", 1.08, 0.9, 0.97, 1.02, 0.1, null);
    private static final CloneQuality QUALITY = new CloneQuality(
            182.0, 179.5, 0.014, 0.81, 0.22, 0.55, 0.78, "base-voice selection + prosody and formant fit");

    private FixtureConfiguration<VoiceClone> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VoiceClone.class);
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    private static VoiceCloneCreatedEvent created() {
        return new VoiceCloneCreatedEvent(CLONE_ID, USER_ID, SAMPLES, "My voice", "From two readings", "en");
    }

    private static CreateVoiceCloneCommand create(List<String> sampleIds, String name) {
        return new CreateVoiceCloneCommand(
                CLONE_ID, USER_ID, sampleIds, name, "From two readings", "en", GENERATION, SETTINGS);
    }

    private static CloneGenerationRequestedEvent generationRequested() {
        return new CloneGenerationRequestedEvent(CLONE_ID, GENERATION, USER_ID, SETTINGS);
    }

    private static RecordCloneFittingProgressCommand step(int attempt, int step, int steps) {
        return new RecordCloneFittingProgressCommand(CLONE_ID, attempt, step, steps, "fitting the formants");
    }

    private static CloneFittingProgressedEvent stepped(int step, int steps) {
        return new CloneFittingProgressedEvent(CLONE_ID, GENERATION, 1, step, steps, "fitting the formants");
    }

    private static CloneFittingStartedEvent started(int attempt) {
        return new CloneFittingStartedEvent(CLONE_ID, attempt, WORKER);
    }

    private static VoiceCloneReadyEvent ready() {
        return new VoiceCloneReadyEvent(CLONE_ID, USER_ID, PROFILE, QUALITY, CLONE_ID, 4200);
    }

    private static CompleteVoiceCloneCommand complete(int attempt) {
        return new CompleteVoiceCloneCommand(CLONE_ID, attempt, PROFILE, QUALITY, CLONE_ID, 4200);
    }

    private static VoiceCloneFailedEvent failed() {
        return new VoiceCloneFailedEvent(CLONE_ID, "Cloning did not finish within 600 s", "SERVICE_UNAVAILABLE");
    }

    private static FailVoiceCloneCommand fail() {
        return new FailVoiceCloneCommand(CLONE_ID, "Cloning did not finish within 600 s", "SERVICE_UNAVAILABLE");
    }

    /** Every state in which a clone owns no vector yet, as the events that lead there. */
    static Stream<List<Object>> clonesWithoutAVector() {
        return Stream.of(
                List.of(created()),
                List.of(created(), started(1)),
                List.of(created(), failed()),
                List.of(created(), started(1), failed()));
    }

    // creation

    @Test
    void creatingACloneRecordsItsSamplesAndItsGenerationJob() {
        fixture.givenNoPriorActivity()
                .when(create(SAMPLES, "My voice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(), generationRequested());
    }

    @Test
    void aCloneCreatedWithoutParametersIsGeneratedWithTheDefaults() {
        fixture.givenNoPriorActivity()
                .when(new CreateVoiceCloneCommand(CLONE_ID, USER_ID, SAMPLES, "My voice", "From two readings", "en"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        created(),
                        new CloneGenerationRequestedEvent(
                                CLONE_ID,
                                CreateVoiceCloneCommand.defaultGenerationJobId(CLONE_ID),
                                USER_ID,
                                CloneGenerationSettings.DEFAULT));
    }

    @Test
    void cannotCreateACloneWithoutItsGenerationJob() {
        fixture.givenNoPriorActivity()
                .when(new CreateVoiceCloneCommand(CLONE_ID, USER_ID, SAMPLES, "My voice", null, "en", " ", SETTINGS))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void cannotCreateACloneWithoutSamples() {
        fixture.givenNoPriorActivity()
                .when(create(List.of(), "My voice"))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(null, "My voice"))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void cannotCreateACloneWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(create(SAMPLES, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(SAMPLES, "  "))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    // fitting

    @Test
    void startingFittingHandsOutTheWorkWithItsGenerationParameters() {
        fixture.given(created(), generationRequested())
                .when(new StartCloneFittingCommand(CLONE_ID, 1, WORKER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started(1))
                .expectResultMessagePayload(new CloneWork(CLONE_ID, USER_ID, SAMPLES, "en", 1, GENERATION, SETTINGS));
    }

    /** A clone the previous release created (no generation job recorded) replays and is fitted as it was. */
    @Test
    void aCloneFromBeforeGenerationJobsIsFittedWithTheDefaults() {
        fixture.given(created())
                .when(new StartCloneFittingCommand(CLONE_ID, 1, WORKER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started(1))
                .expectResultMessagePayload(
                        new CloneWork(CLONE_ID, USER_ID, SAMPLES, "en", 1, null, CloneGenerationSettings.DEFAULT));
    }

    // progress of the generation job

    @Test
    void eachStepOfTheFitIsRecordedOnTheGenerationJob() {
        fixture.given(created(), generationRequested(), started(1))
                .when(step(1, 1, 20))
                .expectSuccessfulHandlerExecution()
                .expectEvents(stepped(1, 20));
        fixture.given(created(), generationRequested(), started(1), stepped(1, 20))
                .when(step(1, 7, 20))
                .expectSuccessfulHandlerExecution()
                .expectEvents(stepped(7, 20));
    }

    @Test
    void aStepAtOrBehindTheLastOneChangesNothing() {
        fixture.given(created(), generationRequested(), started(1), stepped(5, 20))
                .when(step(1, 5, 20))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), generationRequested(), started(1), stepped(5, 20))
                .when(step(1, 3, 20))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStepOutsideThePlanIsRefused() {
        fixture.given(created(), generationRequested(), started(1))
                .when(step(1, 21, 20))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
        fixture.given(created(), generationRequested(), started(1))
                .when(step(1, 0, 20))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void progressIsRefusedUnlessThatAttemptIsFitting() {
        fixture.given(created(), generationRequested())
                .when(step(1, 1, 20))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), generationRequested(), started(1))
                .when(step(2, 1, 20))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), generationRequested(), started(1), failed())
                .when(step(1, 2, 20))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), generationRequested(), started(1), ready())
                .when(step(1, 2, 20))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aCloneDeletedWhileFittingStopsTheFitAtItsNextStep() {
        fixture.given(
                        created(),
                        generationRequested(),
                        started(1),
                        new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, USER_ID, null))
                .when(step(1, 2, 20))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void cannotStartFittingTwice() {
        fixture.given(created(), started(1))
                .when(new StartCloneFittingCommand(CLONE_ID, 1, "worker-b"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartTheNextAttemptWhileOneIsRunning() {
        fixture.given(created(), started(1))
                .when(new StartCloneFittingCommand(CLONE_ID, 2, "worker-b"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartAnAttemptOtherThanTheFirst() {
        fixture.given(created())
                .when(new StartCloneFittingCommand(CLONE_ID, 2, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartFittingAFailedClone() {
        fixture.given(created(), failed())
                .when(new StartCloneFittingCommand(CLONE_ID, 1, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartFittingAReadyClone() {
        fixture.given(created(), started(1), ready())
                .when(new StartCloneFittingCommand(CLONE_ID, 2, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // completion

    @Test
    void completingTheRunningAttemptMakesTheCloneReady() {
        fixture.given(created(), started(1))
                .when(complete(1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ready());
    }

    @Test
    void completingAnotherAttemptIsRefused() {
        fixture.given(created(), started(1))
                .when(complete(2))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void completingAPendingCloneIsRefused() {
        fixture.given(created())
                .when(complete(0))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created())
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void completingAReadyCloneAgainIsRefused() {
        fixture.given(created(), started(1), ready())
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void completingAFailedCloneIsRefused() {
        fixture.given(created(), started(1), failed())
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // failure

    @Test
    void aPendingCloneCanFail() {
        fixture.given(created()).when(fail()).expectSuccessfulHandlerExecution().expectEvents(failed());
    }

    @Test
    void aTrainingCloneCanFail() {
        fixture.given(created(), started(1))
                .when(fail())
                .expectSuccessfulHandlerExecution()
                .expectEvents(failed());
    }

    @Test
    void aReadyCloneCannotFail() {
        fixture.given(created(), started(1), ready())
                .when(fail())
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aFailedCloneCannotFailAgain() {
        fixture.given(created(), started(1), failed())
                .when(fail())
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // deletion

    @Test
    void deletingAReadyCloneNamesItsVector() {
        fixture.given(created(), started(1), ready())
                .when(new DeleteVoiceCloneCommand(CLONE_ID, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, USER_ID, CLONE_ID))
                .expectMarkedDeleted();
    }

    @ParameterizedTest
    @MethodSource("clonesWithoutAVector")
    void aCloneWithoutAVectorCanBeDeletedInAnyState(List<Object> history) {
        fixture.given(history)
                .when(new DeleteVoiceCloneCommand(CLONE_ID, "admin-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, "admin-1", null))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedCloneCannotBeStarted() {
        fixture.given(created(), new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, USER_ID, null))
                .when(new StartCloneFittingCommand(CLONE_ID, 1, WORKER))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aCloneDeletedWhileTrainingCannotBeCompleted() {
        fixture.given(created(), started(1), new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, USER_ID, null))
                .when(complete(1))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedCloneCannotBeDeletedAgain() {
        fixture.given(created(), started(1), ready(), new VoiceCloneDeletedEvent(CLONE_ID, USER_ID, USER_ID, CLONE_ID))
                .when(new DeleteVoiceCloneCommand(CLONE_ID, USER_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
