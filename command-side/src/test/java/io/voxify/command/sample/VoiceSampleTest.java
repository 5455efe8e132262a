package io.voxify.command.sample;

import static org.axonframework.test.matchers.Matchers.predicate;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.CompleteSampleProcessingCommand;
import io.voxify.events.sample.DeleteVoiceSampleCommand;
import io.voxify.events.sample.FailSampleProcessingCommand;
import io.voxify.events.sample.ProcessVoiceSampleCommand;
import io.voxify.events.sample.ReserveSampleForCloneCommand;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleProcessingRun;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.SampleReleasedFromCloneEvent;
import io.voxify.events.sample.SampleReservedForCloneEvent;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.UploadVoiceSampleCommand;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import java.util.ArrayList;
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

class VoiceSampleTest {
    private static final String SAMPLE_ID = "sample-1";
    private static final String USER_ID = "user-1";
    private static final String JOB_1 = "proc-1";
    private static final String JOB_2 = "proc-2";
    private static final String VECTOR_ID = "sample-1";
    private static final String EMBEDDING_MODEL = "ecapa-voxceleb";
    private static final SampleAudio AUDIO =
            new SampleAudio("samples/user-1/sample-1.wav", "f00dbabe", "wav", 441_044, 5.0, 44100, 1, "my voice.wav");
    private static final SampleMeasurements MEASUREMENTS =
            new SampleMeasurements(5.0, 4.2, 0.16, -21.5, -3.1, 0.0, 32.0, 182.0, 150.0, 230.0, 0.71, 4.1, -11.0);
    private static final List<SampleIssue> ISSUES = List.of(new SampleIssue("TOO_NOISY", "SNR 8 dB is below 15 dB"));

    private FixtureConfiguration<VoiceSample> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VoiceSample.class);
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    private static VoiceSampleUploadedEvent uploaded() {
        return new VoiceSampleUploadedEvent(
                SAMPLE_ID, USER_ID, "Reading voice", "Quiet room", "en", "The quick brown fox.", AUDIO);
    }

    private static SampleProcessingRequestedEvent requested(String jobId) {
        return new SampleProcessingRequestedEvent(SAMPLE_ID, USER_ID, jobId, AUDIO);
    }

    private static SampleProcessedEvent processed(String jobId) {
        return new SampleProcessedEvent(SAMPLE_ID, jobId, MEASUREMENTS, 0.87, VECTOR_ID, EMBEDDING_MODEL, 1500);
    }

    private static SampleRejectedEvent rejected(String jobId) {
        return new SampleRejectedEvent(SAMPLE_ID, jobId, MEASUREMENTS, ISSUES, 0.31, 900);
    }

    private static SampleProcessingFailedEvent failed(String jobId) {
        return new SampleProcessingFailedEvent(
                SAMPLE_ID, jobId, "Processing did not finish within 120 s", "SERVICE_UNAVAILABLE");
    }

    private static CompleteSampleProcessingCommand accept(String jobId, String vectorId) {
        return new CompleteSampleProcessingCommand(
                SAMPLE_ID, jobId, MEASUREMENTS, List.of(), 0.87, vectorId, EMBEDDING_MODEL, 1500);
    }

    private static CompleteSampleProcessingCommand reject(String jobId) {
        return new CompleteSampleProcessingCommand(SAMPLE_ID, jobId, MEASUREMENTS, ISSUES, 0.31, null, null, 900);
    }

    private static FailSampleProcessingCommand fail(String jobId) {
        return new FailSampleProcessingCommand(
                SAMPLE_ID, jobId, "Processing did not finish within 120 s", "SERVICE_UNAVAILABLE");
    }

    /** Every state in which no run is going on, as the events that lead there. */
    static Stream<List<Object>> idleSamples() {
        return Stream.of(
                List.of(uploaded()),
                List.of(uploaded(), requested(JOB_1), processed(JOB_1)),
                List.of(uploaded(), requested(JOB_1), rejected(JOB_1)),
                List.of(uploaded(), requested(JOB_1), failed(JOB_1)));
    }

    /** Samples with a verdict: kept unless processing is forced. */
    static Stream<List<Object>> samplesWithAVerdict() {
        return Stream.of(
                List.of(uploaded(), requested(JOB_1), processed(JOB_1)),
                List.of(uploaded(), requested(JOB_1), rejected(JOB_1)));
    }

    private static ProcessVoiceSampleCommand process(String jobId, String requestedBy) {
        return new ProcessVoiceSampleCommand(SAMPLE_ID, jobId, requestedBy, false);
    }

    private static ProcessVoiceSampleCommand reprocess(String jobId) {
        return new ProcessVoiceSampleCommand(SAMPLE_ID, jobId, USER_ID, true);
    }

    // upload

    @Test
    void anUploadStartsItsProcessingWithIt() {
        fixture.givenNoPriorActivity()
                .when(new UploadVoiceSampleCommand(
                        SAMPLE_ID, USER_ID, "Reading voice", "Quiet room", "en", "The quick brown fox.", AUDIO, JOB_1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(uploaded(), requested(JOB_1));
    }

    @Test
    void anUploadWithoutARunWaitsUnprocessed() {
        fixture.givenNoPriorActivity()
                .when(new UploadVoiceSampleCommand(
                        SAMPLE_ID, USER_ID, "Reading voice", "Quiet room", "en", "The quick brown fox.", AUDIO, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(uploaded());
    }

    @Test
    void theUploadsOwnRunIsTheOneItsVerdictMustName() {
        fixture.givenCommands(new UploadVoiceSampleCommand(
                        SAMPLE_ID, USER_ID, "Reading voice", "Quiet room", "en", "The quick brown fox.", AUDIO, JOB_1))
                .when(accept(JOB_1, VECTOR_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(processed(JOB_1));
    }

    @Test
    void cannotUploadASampleWithoutAudio() {
        fixture.givenNoPriorActivity()
                .when(new UploadVoiceSampleCommand(SAMPLE_ID, USER_ID, "Reading voice", null, "en", null, null, JOB_1))
                .expectException(refusedWith(ErrorCode.MISSING_FIELDS))
                .expectNoEvents();
    }

    @Test
    void cannotUploadASampleWithoutAnOwner() {
        fixture.givenNoPriorActivity()
                .when(new UploadVoiceSampleCommand(SAMPLE_ID, null, "Reading voice", null, "en", null, AUDIO, JOB_1))
                .expectException(refusedWith(ErrorCode.MISSING_FIELDS))
                .expectNoEvents();
    }

    // requesting processing

    @Test
    void processingCanBeRequestedForAnUploadedSample() {
        fixture.given(uploaded())
                .when(process(JOB_2, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested(JOB_2))
                .expectResultMessagePayload(new SampleProcessingRun(JOB_2, SampleStatus.PROCESSING, true));
    }

    @ParameterizedTest
    @MethodSource("idleSamples")
    void forcedProcessingStartsARunOnAnyIdleSample(List<Object> history) {
        fixture.given(history)
                .when(reprocess(JOB_2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SampleProcessingRequestedEvent(SAMPLE_ID, USER_ID, JOB_2, AUDIO))
                .expectResultMessagePayload(new SampleProcessingRun(JOB_2, SampleStatus.PROCESSING, true));
    }

    @ParameterizedTest
    @MethodSource("samplesWithAVerdict")
    void aVerdictIsKeptUnlessProcessingIsForced(List<Object> history) {
        SampleStatus verdict = history.get(history.size() - 1) instanceof SampleProcessedEvent
                ? SampleStatus.PROCESSED
                : SampleStatus.REJECTED;
        fixture.given(history)
                .when(process(JOB_2, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SampleProcessingRun(JOB_1, verdict, false));
    }

    @Test
    void processingRequestedByAnAdminStillNamesTheOwner() {
        fixture.given(uploaded())
                .when(process(JOB_1, "admin-1"))
                .expectEvents(new SampleProcessingRequestedEvent(SAMPLE_ID, USER_ID, JOB_1, AUDIO));
    }

    @Test
    void aRunningRunIsKeptAndNamedWhateverIsAsked() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(process(JOB_2, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SampleProcessingRun(JOB_1, SampleStatus.PROCESSING, false));
        fixture.given(uploaded(), requested(JOB_1))
                .when(reprocess(JOB_2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SampleProcessingRun(JOB_1, SampleStatus.PROCESSING, false));
    }

    // completing

    @Test
    void aVerdictWithoutIssuesProcessesTheSample() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(accept(JOB_1, VECTOR_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(processed(JOB_1));
    }

    @Test
    void aVerdictWithNullIssuesProcessesTheSample() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(new CompleteSampleProcessingCommand(
                        SAMPLE_ID, JOB_1, MEASUREMENTS, null, 0.87, VECTOR_ID, EMBEDDING_MODEL, 1500))
                .expectEvents(processed(JOB_1));
    }

    @Test
    void cannotProcessASampleWithoutItsEmbedding() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(accept(JOB_1, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void aVerdictWithIssuesRejectsTheSample() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(reject(JOB_1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(rejected(JOB_1));
    }

    @Test
    void aVerdictFromAnotherProcessingJobIsRefused() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(accept(JOB_2, VECTOR_ID))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(uploaded(), requested(JOB_1))
                .when(reject(JOB_2))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aVerdictFromAnEarlierRunIsRefused() {
        fixture.given(uploaded(), requested(JOB_1), failed(JOB_1), requested(JOB_2))
                .when(accept(JOB_1, VECTOR_ID))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("idleSamples")
    void aVerdictWhenNothingIsRunningIsRefused(List<Object> history) {
        fixture.given(history)
                .when(accept(JOB_1, VECTOR_ID))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // failing

    @Test
    void failingTheRunningJobRecordsTheFailure() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(fail(JOB_1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(failed(JOB_1));
    }

    @Test
    void failingAnotherProcessingJobIsRefused() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(fail(JOB_2))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("idleSamples")
    void failingWhenNothingIsRunningIsRefused(List<Object> history) {
        fixture.given(history)
                .when(fail(JOB_1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aFailedRunCanBeRequestedAgainWithoutForce() {
        fixture.given(uploaded(), requested(JOB_1), failed(JOB_1))
                .when(process(JOB_2, USER_ID))
                .expectEvents(requested(JOB_2));
    }

    /** A processed sample whose forced rerun failed is processed again; without force it keeps that verdict. */
    @Test
    void aProcessedSampleWhoseRerunFailedKeepsItsVerdict() {
        fixture.given(uploaded(), requested(JOB_1), processed(JOB_1), requested(JOB_2), failed(JOB_2))
                .when(process("proc-3", USER_ID))
                .expectNoEvents()
                .expectResultMessagePayload(new SampleProcessingRun(JOB_2, SampleStatus.PROCESSED, false));
    }

    // deleting

    @Test
    void deletingAnUploadedSampleNamesItsAudio() {
        fixture.given(uploaded())
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .expectMarkedDeleted();
    }

    @Test
    void deletingAProcessedSampleNamesItsAudioAndEmbedding() {
        fixture.given(uploaded(), requested(JOB_1), processed(JOB_1))
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, "admin-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, "admin-1", AUDIO, VECTOR_ID))
                .expectMarkedDeleted();
    }

    @Test
    void aProcessedSampleWhoseReprocessingFailedKeepsItsEmbedding() {
        fixture.given(uploaded(), requested(JOB_1), processed(JOB_1), requested(JOB_2), failed(JOB_2))
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectEvents(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, VECTOR_ID))
                .expectMarkedDeleted();
    }

    @Test
    void aProcessedSampleRejectedOnReprocessingLosesItsEmbedding() {
        fixture.given(uploaded(), requested(JOB_1), processed(JOB_1), requested(JOB_2), rejected(JOB_2))
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectEvents(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .expectMarkedDeleted();
    }

    @Test
    void aSampleCanBeDeletedWhileItIsProcessingAndTheRunsVerdictIsThenRefused() {
        fixture.given(uploaded(), requested(JOB_1))
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .expectMarkedDeleted();
        fixture.given(
                        uploaded(),
                        requested(JOB_1),
                        new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .when(accept(JOB_1, VECTOR_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedSampleCannotBeProcessed() {
        fixture.given(uploaded(), new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, null))
                .when(process(JOB_1, USER_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedSampleCannotBeDeletedAgain() {
        fixture.given(
                        uploaded(),
                        requested(JOB_1),
                        processed(JOB_1),
                        new VoiceSampleDeletedEvent(SAMPLE_ID, USER_ID, USER_ID, AUDIO, VECTOR_ID))
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aProcessedSampleReservedForACloneCanBeNeitherDeletedNorReprocessedUntilReleased() {
        fixture.given(reservedHistory())
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectException(refusedWith(ErrorCode.SAMPLE_IN_USE))
                .expectNoEvents();
        fixture.given(reservedHistory())
                .when(reprocess("proc-2"))
                .expectException(refusedWith(ErrorCode.SAMPLE_IN_USE))
                .expectNoEvents();
        fixture.given(reservedHistory())
                .when(process("proc-2", USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        List<Object> released = new ArrayList<>(reservedHistory());
        released.add(new SampleReleasedFromCloneEvent(SAMPLE_ID, "vc-1"));
        fixture.given(released)
                .when(new DeleteVoiceSampleCommand(SAMPLE_ID, USER_ID))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyProcessedSamplesCanBeReserved() {
        fixture.given(uploaded())
                .when(new ReserveSampleForCloneCommand(SAMPLE_ID, "vc-1"))
                .expectException(refusedWith(ErrorCode.SAMPLE_NOT_PROCESSED))
                .expectNoEvents();
    }

    private static List<Object> reservedHistory() {
        List<Object> history = new ArrayList<>(List.of(uploaded(), requested(JOB_1), processed(JOB_1)));
        history.add(new SampleReservedForCloneEvent(SAMPLE_ID, "vc-1"));
        return history;
    }
}
