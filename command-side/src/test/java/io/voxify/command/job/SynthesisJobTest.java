package io.voxify.command.job;

import static org.axonframework.test.matchers.Matchers.predicate;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.CancelJobCommand;
import io.voxify.events.job.CompleteJobCommand;
import io.voxify.events.job.CreateJobCommand;
import io.voxify.events.job.DeleteJobCommand;
import io.voxify.events.job.ExpireJobContentCommand;
import io.voxify.events.job.FailJobCommand;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.job.JobProgressedEvent;
import io.voxify.events.job.JobStartedEvent;
import io.voxify.events.job.JobUpdatedEvent;
import io.voxify.events.job.JobWork;
import io.voxify.events.job.RecordJobAttemptFailedCommand;
import io.voxify.events.job.RecordJobProgressCommand;
import io.voxify.events.job.StartJobCommand;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.job.UpdateJobCommand;
import io.voxify.events.webhook.RecordWebhookAttemptCommand;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SynthesisJobTest {
    private static final String JOB_ID = "job-1";
    private static final String USER_ID = "user-1";
    private static final String TEXT = "Hello there. This is a test.";
    private static final String VOICE = "en_US-amy-medium";
    private static final String WORKER = "worker-a";
    private static final SynthesisSettings SETTINGS =
            new SynthesisSettings(1.0, 1.0, 1.0, "mp3", 22050, "neutral", true, "word", Map.of("speed", 1.0));
    private static final SynthesisSettings NEW_SETTINGS =
            new SynthesisSettings(1.5, 0.8, 0.9, "wav", 16000, null, false, null, Map.of("speed", 1.5));
    private static final AudioOutput OUTPUT =
            new AudioOutput("file-1", "audio/job-1/file-1.mp3", "mp3", "audio/mpeg", 22050, 1, 48_000, 2.5, "abc123");
    private static final List<TimedText> TIMESTAMPS = List.of(new TimedText("Hello", "word", 0.0, 0.4, 0, 5));

    private FixtureConfiguration<SynthesisJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SynthesisJob.class);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static JobCreatedEvent created() {
        return new JobCreatedEvent(JOB_ID, USER_ID, TEXT, sha256Hex(TEXT), "en", "plain", VOICE, SETTINGS, null);
    }

    private static JobStartedEvent started(int attempt) {
        return new JobStartedEvent(JOB_ID, attempt, WORKER);
    }

    private static JobAttemptFailedEvent attemptFailed(int attempt) {
        return new JobAttemptFailedEvent(JOB_ID, attempt, "Synthesis failed: IOException", "INTERNAL_ERROR", true);
    }

    private static JobCompletedEvent completed() {
        return new JobCompletedEvent(JOB_ID, USER_ID, 1, OUTPUT, TIMESTAMPS, 1200, 900);
    }

    private static CompleteJobCommand complete(int attempt) {
        return new CompleteJobCommand(JOB_ID, attempt, OUTPUT, TIMESTAMPS, 1200, 900);
    }

    private static RecordJobProgressCommand progress(int attempt, double percent) {
        return new RecordJobProgressCommand(JOB_ID, attempt, percent, "Synthesising");
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    /** Every way a job reaches a final state, as the events that lead there. */
    static Stream<List<Object>> finishedJobs() {
        return Stream.of(
                List.of(created(), started(1), completed()),
                List.of(created(), new JobFailedEvent(JOB_ID, "Voice missing", "VOICE_MODEL_NOT_FOUND")),
                List.of(created(), started(1), new JobFailedEvent(JOB_ID, "Timed out", "SERVICE_UNAVAILABLE")),
                List.of(created(), new JobCancelledEvent(JOB_ID, USER_ID)),
                List.of(created(), started(1), new JobCancelledEvent(JOB_ID, USER_ID)));
    }

    // creation and update

    @Test
    void creatingAJobRecordsTheHashOfItsText() {
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, TEXT, "en", "plain", VOICE, SETTINGS, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void cannotCreateAJobWithBlankText() {
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, "   ", "en", "plain", VOICE, SETTINGS, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void cannotCreateAJobWithoutText() {
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, null, "en", "plain", VOICE, SETTINGS, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void aJobWithoutATextFormatIsPlainText() {
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, TEXT, "en", null, VOICE, SETTINGS, null))
                .expectEvents(created());
    }

    @Test
    void cannotCreateAJobInATextFormatTheEngineCannotRead() {
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, TEXT, "en", "html", VOICE, SETTINGS, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void anSsmlJobHandsItsFormatToTheWorker() {
        String ssml = "<speak>Hello <break time=\"1s\"/> world</speak>";
        JobCreatedEvent created =
                new JobCreatedEvent(JOB_ID, USER_ID, ssml, sha256Hex(ssml), "en", "ssml", VOICE, SETTINGS, null);
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, ssml, "en", "ssml", VOICE, SETTINGS, null))
                .expectEvents(created);
        fixture.given(created)
                .when(new StartJobCommand(JOB_ID, 1, WORKER))
                .expectResultMessagePayload(new JobWork(JOB_ID, USER_ID, 1, ssml, "en", VOICE, SETTINGS, "ssml"));
    }

    @Test
    void updatingAPendingJobRecordsTheNewTextHash() {
        fixture.given(created())
                .when(new UpdateJobCommand(JOB_ID, "abc", "de", NEW_SETTINGS, null))
                .expectSuccessfulHandlerExecution()
                // SHA-256 test vector for "abc" (FIPS 180-2)
                .expectEvents(new JobUpdatedEvent(
                        JOB_ID,
                        "abc",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "de",
                        NEW_SETTINGS,
                        null));
    }

    @Test
    void cannotUpdateAJobToBlankOrMissingText() {
        fixture.given(created())
                .when(new UpdateJobCommand(JOB_ID, " ", "de", NEW_SETTINGS, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
        fixture.given(created())
                .when(new UpdateJobCommand(JOB_ID, null, "de", NEW_SETTINGS, null))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void cannotUpdateAJobWhileItIsProcessing() {
        fixture.given(created(), started(1))
                .when(new UpdateJobCommand(JOB_ID, "abc", "de", NEW_SETTINGS, null))
                .expectException(refusedWith(ErrorCode.JOB_NOT_UPDATABLE))
                .expectNoEvents();
    }

    @Test
    void cannotUpdateAJobWaitingForItsRetry() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new UpdateJobCommand(JOB_ID, "abc", "de", NEW_SETTINGS, null))
                .expectException(refusedWith(ErrorCode.JOB_NOT_UPDATABLE))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void cannotUpdateAFinishedJob(List<Object> history) {
        fixture.given(history)
                .when(new UpdateJobCommand(JOB_ID, "abc", "de", NEW_SETTINGS, null))
                .expectException(refusedWith(ErrorCode.JOB_NOT_UPDATABLE))
                .expectNoEvents();
    }

    // starting attempts

    @Test
    void startingTheFirstAttemptHandsOutTheWork() {
        fixture.given(created())
                .when(new StartJobCommand(JOB_ID, 1, WORKER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started(1))
                .expectResultMessagePayload(new JobWork(JOB_ID, USER_ID, 1, TEXT, "en", VOICE, SETTINGS));
    }

    @Test
    void startingAfterAnUpdateHandsOutTheUpdatedWork() {
        fixture.given(created(), new JobUpdatedEvent(JOB_ID, "abc", sha256Hex("abc"), "de", NEW_SETTINGS, null))
                .when(new StartJobCommand(JOB_ID, 1, WORKER))
                .expectEvents(started(1))
                .expectResultMessagePayload(new JobWork(JOB_ID, USER_ID, 1, "abc", "de", VOICE, NEW_SETTINGS));
    }

    @Test
    void cannotStartAPendingJobWithAnAttemptOtherThanTheFirst() {
        fixture.given(created())
                .when(new StartJobCommand(JOB_ID, 2, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartAttemptZero() {
        fixture.given(created())
                .when(new StartJobCommand(JOB_ID, 0, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartTheSameAttemptTwice() {
        fixture.given(created(), started(1))
                .when(new StartJobCommand(JOB_ID, 1, "worker-b"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotStartTheNextAttemptWhileOneIsRunning() {
        fixture.given(created(), started(1))
                .when(new StartJobCommand(JOB_ID, 2, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void retryStartsTheNextAttemptAfterAFailedOne() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new StartJobCommand(JOB_ID, 2, "worker-b"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobStartedEvent(JOB_ID, 2, "worker-b"))
                .expectResultMessagePayload(new JobWork(JOB_ID, USER_ID, 2, TEXT, "en", VOICE, SETTINGS));
    }

    @Test
    void cannotRetryTheAttemptThatFailed() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new StartJobCommand(JOB_ID, 1, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotSkipAnAttemptWhenRetrying() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new StartJobCommand(JOB_ID, 3, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void cannotStartAFinishedJob(List<Object> history) {
        int next =
                (int) history.stream().filter(JobStartedEvent.class::isInstance).count() + 1;
        fixture.given(history)
                .when(new StartJobCommand(JOB_ID, next, WORKER))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // progress

    @Test
    void progressIsRecordedForTheRunningAttempt() {
        fixture.given(created(), started(1))
                .when(progress(1, 42.5))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobProgressedEvent(JOB_ID, 1, 42.5, "Synthesising"));
    }

    @Test
    void progressForAttemptZeroIsRecordedAgainstTheCurrentAttempt() {
        fixture.given(created(), started(1), attemptFailed(1), started(2))
                .when(progress(SynthesisJob.CURRENT_ATTEMPT, 10))
                .expectEvents(new JobProgressedEvent(JOB_ID, 2, 10, "Synthesising"));
    }

    @Test
    void progressOfAnEarlierAttemptIsRefused() {
        fixture.given(created(), started(1), attemptFailed(1), started(2))
                .when(progress(1, 10))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void progressOfAPendingJobIsRefused() {
        fixture.given(created())
                .when(progress(SynthesisJob.CURRENT_ATTEMPT, 10))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void progressBetweenAttemptsIsRefused() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(progress(1, 10))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void progressOfAFinishedJobIsRefused(List<Object> history) {
        fixture.given(history)
                .when(progress(SynthesisJob.CURRENT_ATTEMPT, 99))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void lowerProgressIsIgnored() {
        fixture.given(created(), started(1), new JobProgressedEvent(JOB_ID, 1, 50, "Halfway"))
                .when(progress(1, 40))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void progressStartsAgainWithTheNextAttempt() {
        fixture.given(
                        created(),
                        started(1),
                        new JobProgressedEvent(JOB_ID, 1, 80, "Nearly"),
                        attemptFailed(1),
                        started(2))
                .when(progress(2, 5))
                .expectEvents(new JobProgressedEvent(JOB_ID, 2, 5, "Synthesising"));
    }

    @Test
    void progressOfAHundredIsAccepted() {
        fixture.given(created(), started(1))
                .when(progress(1, 100))
                .expectEvents(new JobProgressedEvent(JOB_ID, 1, 100, "Synthesising"));
    }

    @Test
    void negativeProgressIsRefused() {
        fixture.given(created(), started(1))
                .when(progress(1, -0.5))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void progressThatIsNotANumberIsRefused() {
        fixture.given(created(), started(1))
                .when(progress(1, Double.NaN))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void onlyProgressMayNameTheCurrentAttempt() {
        fixture.given(created(), started(1))
                .when(complete(0))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(1))
                .when(new RecordJobAttemptFailedCommand(JOB_ID, 0, "boom", "INTERNAL_ERROR", true))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void progressAboveAHundredIsRefused() {
        fixture.given(created(), started(1))
                .when(progress(1, 100.5))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    // completion and attempt failure

    @Test
    void completingTheRunningAttemptCompletesTheJob() {
        fixture.given(created(), started(1))
                .when(complete(1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(completed());
    }

    @Test
    void completingARetriedAttemptRecordsThatAttempt() {
        fixture.given(created(), started(1), attemptFailed(1), started(2))
                .when(complete(2))
                .expectEvents(new JobCompletedEvent(JOB_ID, USER_ID, 2, OUTPUT, TIMESTAMPS, 1200, 900));
    }

    @Test
    void cannotCompleteAPendingJob() {
        fixture.given(created())
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotCompleteAnEarlierAttempt() {
        fixture.given(created(), started(1), attemptFailed(1), started(2))
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotCompleteAnAttemptThatAlreadyFailed() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void cannotCompleteAFinishedJob(List<Object> history) {
        fixture.given(history)
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aFailedAttemptIsRecorded() {
        fixture.given(created(), started(1))
                .when(new RecordJobAttemptFailedCommand(
                        JOB_ID, 1, "Synthesis failed: IOException", "INTERNAL_ERROR", true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(attemptFailed(1));
    }

    @Test
    void cannotRecordAFailedAttemptOfAPendingJob() {
        fixture.given(created())
                .when(new RecordJobAttemptFailedCommand(JOB_ID, 1, "boom", "INTERNAL_ERROR", true))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotRecordTheSameFailedAttemptTwice() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new RecordJobAttemptFailedCommand(JOB_ID, 1, "boom", "INTERNAL_ERROR", true))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // failing, cancelling

    @Test
    void aPendingJobCanBeFailed() {
        fixture.given(created())
                .when(new FailJobCommand(JOB_ID, "Voice missing", "VOICE_MODEL_NOT_FOUND"))
                .expectEvents(new JobFailedEvent(JOB_ID, "Voice missing", "VOICE_MODEL_NOT_FOUND"));
    }

    @Test
    void aProcessingJobCanBeFailed() {
        fixture.given(created(), started(1))
                .when(new FailJobCommand(JOB_ID, "Timed out", "SERVICE_UNAVAILABLE"))
                .expectEvents(new JobFailedEvent(JOB_ID, "Timed out", "SERVICE_UNAVAILABLE"));
    }

    @Test
    void aJobWaitingForItsRetryCanBeFailed() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new FailJobCommand(JOB_ID, "gave up", "INTERNAL_ERROR"))
                .expectEvents(new JobFailedEvent(JOB_ID, "gave up", "INTERNAL_ERROR"));
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void cannotFailAFinishedJob(List<Object> history) {
        fixture.given(history)
                .when(new FailJobCommand(JOB_ID, "Timed out", "SERVICE_UNAVAILABLE"))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aPendingJobCanBeCancelled() {
        fixture.given(created())
                .when(new CancelJobCommand(JOB_ID, USER_ID))
                .expectEvents(new JobCancelledEvent(JOB_ID, USER_ID));
    }

    @Test
    void aProcessingJobCanBeCancelled() {
        fixture.given(created(), started(1), new JobProgressedEvent(JOB_ID, 1, 30, "Synthesising"))
                .when(new CancelJobCommand(JOB_ID, "admin-1"))
                .expectEvents(new JobCancelledEvent(JOB_ID, "admin-1"));
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void cannotCancelAFinishedJob(List<Object> history) {
        fixture.given(history)
                .when(new CancelJobCommand(JOB_ID, USER_ID))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void theWorkersLateCompletionOfACancelledJobIsRefused() {
        fixture.given(created(), started(1), new JobCancelledEvent(JOB_ID, USER_ID))
                .when(complete(1))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // deletion

    @Test
    void cannotDeleteAJobWhileItIsProcessing() {
        fixture.given(created(), started(1))
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectException(refusedWith(ErrorCode.JOB_NOT_DELETABLE))
                .expectNoEvents();
    }

    @Test
    void cannotDeleteAJobWaitingForItsRetry() {
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectException(refusedWith(ErrorCode.JOB_NOT_DELETABLE))
                .expectNoEvents();
    }

    @Test
    void deletingACompletedJobNamesItsAudio() {
        fixture.given(created(), started(1), completed())
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobDeletedEvent(JOB_ID, USER_ID, OUTPUT))
                .expectMarkedDeleted();
    }

    @Test
    void deletingAPendingJobHasNoAudioToRemove() {
        fixture.given(created())
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectEvents(new JobDeletedEvent(JOB_ID, USER_ID, null))
                .expectMarkedDeleted();
    }

    @Test
    void aCancelledJobCanBeDeleted() {
        fixture.given(created(), started(1), new JobCancelledEvent(JOB_ID, USER_ID))
                .when(new DeleteJobCommand(JOB_ID, "admin-1"))
                .expectEvents(new JobDeletedEvent(JOB_ID, "admin-1", null))
                .expectMarkedDeleted();
    }

    @Test
    void aFailedJobCanBeDeleted() {
        fixture.given(created(), new JobFailedEvent(JOB_ID, "Voice missing", "VOICE_MODEL_NOT_FOUND"))
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectEvents(new JobDeletedEvent(JOB_ID, USER_ID, null))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedJobTakesNoFurtherCommands() {
        fixture.given(created(), new JobDeletedEvent(JOB_ID, USER_ID, null))
                .when(new StartJobCommand(JOB_ID, 1, WORKER))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedJobCannotBeDeletedAgain() {
        fixture.given(created(), started(1), completed(), new JobDeletedEvent(JOB_ID, USER_ID, OUTPUT))
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    // retention

    @Test
    void anExpiredCompletedJobNamesItsAudioForRemoval() {
        fixture.given(created(), started(1), completed())
                .when(new ExpireJobContentCommand(JOB_ID, 30, 12, 3))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobContentExpiredEvent(JOB_ID, USER_ID, 30, OUTPUT, 12, 3));
    }

    @ParameterizedTest
    @MethodSource("finishedJobs")
    void everyFinishedJobCanExpire(List<Object> history) {
        boolean completed = history.stream().anyMatch(JobCompletedEvent.class::isInstance);
        fixture.given(history)
                .when(new ExpireJobContentCommand(JOB_ID, 1, 12, 3))
                .expectEvents(new JobContentExpiredEvent(JOB_ID, USER_ID, 1, completed ? OUTPUT : null, 12, 3));
    }

    @Test
    void cannotExpireAJobThatHasNotFinished() {
        fixture.given(created())
                .when(new ExpireJobContentCommand(JOB_ID, 1, 12, 3))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(1))
                .when(new ExpireJobContentCommand(JOB_ID, 1, 12, 3))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(1), attemptFailed(1))
                .when(new ExpireJobContentCommand(JOB_ID, 1, 12, 3))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aJobExpiresOnlyOnce() {
        fixture.given(
                        created(),
                        started(1),
                        completed(),
                        new JobContentExpiredEvent(JOB_ID, USER_ID, 30, OUTPUT, 12, 3))
                .when(new ExpireJobContentCommand(JOB_ID, 30, 12, 3))
                .expectException(refusedWith(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aDeletedJobCannotExpire() {
        fixture.given(created(), started(1), completed(), new JobDeletedEvent(JOB_ID, USER_ID, OUTPUT))
                .when(new ExpireJobContentCommand(JOB_ID, 30, 12, 3))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void retentionIsAtLeastADay() {
        fixture.given(created(), started(1), completed())
                .when(new ExpireJobContentCommand(JOB_ID, 0, 12, 3))
                .expectException(refusedWith(ErrorCode.VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void anExpiredJobCanStillBeDeletedAndHasNoAudioLeftToRemove() {
        fixture.given(
                        created(),
                        started(1),
                        completed(),
                        new JobContentExpiredEvent(JOB_ID, USER_ID, 30, OUTPUT, 12, 3))
                .when(new DeleteJobCommand(JOB_ID, USER_ID))
                .expectEvents(new JobDeletedEvent(JOB_ID, USER_ID, null))
                .expectMarkedDeleted();
    }

    // webhooks

    private static final String CALLBACK = "https://hooks.example.com/voxify";
    private static final String DELIVERY = "whd_" + JOB_ID;
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static JobCreatedEvent createdWithCallback() {
        return new JobCreatedEvent(JOB_ID, USER_ID, TEXT, sha256Hex(TEXT), "en", "plain", VOICE, SETTINGS, CALLBACK);
    }

    private static WebhookDueEvent due(String event) {
        return new WebhookDueEvent(JOB_ID, USER_ID, DELIVERY, event, CALLBACK);
    }

    private static RecordWebhookAttemptCommand attempt(int n, Integer status, Instant next, String abandon) {
        return new RecordWebhookAttemptCommand(
                JOB_ID, DELIVERY, n, status, status == null ? "timeout" : null, 40, AT, next, abandon);
    }

    @Test
    void retentionAbandonsAWebhookStillBeingRetriedAndLeavesADeliveredOneAlone() {
        Instant next = AT.plusSeconds(60);
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 500, null, 40, AT, next))
                .when(new ExpireJobContentCommand(JOB_ID, 30, 12, 3))
                .expectEvents(
                        new JobContentExpiredEvent(JOB_ID, USER_ID, 30, OUTPUT, 12, 3),
                        new WebhookAbandonedEvent(JOB_ID, DELIVERY, 1, "content expired"));
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 204, null, 40, AT, null),
                        new WebhookDeliveredEvent(JOB_ID, DELIVERY, 1, 204, AT))
                .when(new ExpireJobContentCommand(JOB_ID, 30, 12, 3))
                .expectEvents(new JobContentExpiredEvent(JOB_ID, USER_ID, 30, OUTPUT, 12, 3));
    }

    @Test
    void theCallbackUrlIsKeptWithTheJob() {
        fixture.givenNoPriorActivity()
                .when(new CreateJobCommand(JOB_ID, USER_ID, TEXT, "en", "plain", VOICE, SETTINGS, CALLBACK))
                .expectEvents(createdWithCallback());
        fixture.given(createdWithCallback())
                .when(new UpdateJobCommand(JOB_ID, "abc", "de", NEW_SETTINGS, null))
                .expectEvents(new JobUpdatedEvent(JOB_ID, "abc", sha256Hex("abc"), "de", NEW_SETTINGS, null));
    }

    @Test
    void completingAJobWithACallbackMakesItsWebhookDue() {
        fixture.given(createdWithCallback(), started(1))
                .when(complete(1))
                .expectEvents(completed(), due(WebhookDueEvent.JOB_COMPLETED));
    }

    @Test
    void failingAJobWithACallbackMakesItsWebhookDue() {
        fixture.given(createdWithCallback(), started(1))
                .when(new FailJobCommand(JOB_ID, "Timed out", "SERVICE_UNAVAILABLE"))
                .expectEvents(
                        new JobFailedEvent(JOB_ID, "Timed out", "SERVICE_UNAVAILABLE"),
                        due(WebhookDueEvent.JOB_FAILED));
    }

    @Test
    void cancellingOrNoCallbackAnnouncesNothing() {
        fixture.given(createdWithCallback())
                .when(new CancelJobCommand(JOB_ID, USER_ID))
                .expectEvents(new JobCancelledEvent(JOB_ID, USER_ID));
        fixture.given(created(), started(1)).when(complete(1)).expectEvents(completed());
    }

    @Test
    void aFailedAttemptIsRecordedWithItsNextTry() {
        Instant next = AT.plusSeconds(10);
        fixture.given(createdWithCallback(), started(1), completed(), due(WebhookDueEvent.JOB_COMPLETED))
                .when(attempt(1, 500, next, null))
                .expectEvents(new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 500, null, 40, AT, next));
    }

    @Test
    void a2xxAnswerDelivers() {
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, null, "timeout", 40, AT, AT))
                .when(attempt(2, 204, AT.plusSeconds(30), null))
                .expectEvents(
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 2, CALLBACK, 204, null, 40, AT, null),
                        new WebhookDeliveredEvent(JOB_ID, DELIVERY, 2, 204, AT));
    }

    @Test
    void anAttemptWithoutANextTryAbandonsTheWebhook() {
        fixture.given(createdWithCallback(), started(1), completed(), due(WebhookDueEvent.JOB_COMPLETED))
                .when(attempt(1, 410, null, "the receiver answered 410 Gone"))
                .expectEvents(
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 410, null, 40, AT, null),
                        new WebhookAbandonedEvent(JOB_ID, DELIVERY, 1, "the receiver answered 410 Gone"));
    }

    @Test
    void attemptsOutOfOrderTwiceOrAfterTheEndAreRefused() {
        fixture.given(createdWithCallback(), started(1), completed(), due(WebhookDueEvent.JOB_COMPLETED))
                .when(attempt(2, 500, AT, null))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 200, null, 40, AT, null),
                        new WebhookDeliveredEvent(JOB_ID, DELIVERY, 1, 200, AT))
                .when(attempt(2, 200, null, null))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
        fixture.given(created(), started(1), completed())
                .when(attempt(1, 200, null, null))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // the webhook member (JobWebhook): the delivery of an announcement, try by try

    @Test
    void tryAfterTryIsCountedUntilOneDelivers() {
        Instant next = AT.plusSeconds(10);
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 500, null, 40, AT, next))
                .when(attempt(2, 503, next.plusSeconds(20), null))
                .expectEvents(new WebhookAttemptedEvent(
                        JOB_ID, DELIVERY, 2, CALLBACK, 503, null, 40, AT, next.plusSeconds(20)));
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 500, null, 40, AT, next),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 2, CALLBACK, 503, null, 40, AT, next))
                .when(attempt(3, 200, null, null))
                .expectEvents(
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 3, CALLBACK, 200, null, 40, AT, null),
                        new WebhookDeliveredEvent(JOB_ID, DELIVERY, 3, 200, AT));
    }

    @Test
    void theFailureOfAJobIsDeliveredLikeItsCompletion() {
        fixture.given(
                        createdWithCallback(),
                        new JobFailedEvent(JOB_ID, "Voice missing", "VOICE_MODEL_NOT_FOUND"),
                        due(WebhookDueEvent.JOB_FAILED))
                .when(attempt(1, 200, null, null))
                .expectEvents(
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 200, null, 40, AT, null),
                        new WebhookDeliveredEvent(JOB_ID, DELIVERY, 1, 200, AT));
    }

    @Test
    void triesGoToTheUrlTheAnnouncementNamed() {
        String moved = "https://elsewhere.example.org/hook";
        fixture.given(
                        createdWithCallback(),
                        new JobUpdatedEvent(JOB_ID, TEXT, sha256Hex(TEXT), "en", SETTINGS, moved),
                        started(1),
                        completed(),
                        new WebhookDueEvent(JOB_ID, USER_ID, DELIVERY, WebhookDueEvent.JOB_COMPLETED, moved))
                .when(attempt(1, 500, AT.plusSeconds(10), null))
                .expectEvents(
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, moved, 500, null, 40, AT, AT.plusSeconds(10)));
    }

    @Test
    void aLastTryWithoutAReasonIsAbandonedForWantOfFurtherTries() {
        fixture.given(createdWithCallback(), started(1), completed(), due(WebhookDueEvent.JOB_COMPLETED))
                .when(attempt(1, null, null, null))
                .expectEvents(
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, null, "timeout", 40, AT, null),
                        new WebhookAbandonedEvent(JOB_ID, DELIVERY, 1, "no further attempts"));
    }

    @Test
    void anAbandonedWebhookTakesNoFurtherTries() {
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new WebhookAttemptedEvent(JOB_ID, DELIVERY, 1, CALLBACK, 410, null, 40, AT, null),
                        new WebhookAbandonedEvent(JOB_ID, DELIVERY, 1, "the receiver answered 410 Gone"))
                .when(attempt(2, 200, null, null))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aTryReportedForAnotherAnnouncementIsRefused() {
        fixture.given(createdWithCallback(), started(1), completed(), due(WebhookDueEvent.JOB_COMPLETED))
                .when(new RecordWebhookAttemptCommand(JOB_ID, "whd_job-2", 1, 200, null, 40, AT, null, null))
                .expectException(refusedWith(ErrorCode.INVALID_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void aDeletedJobsWebhookTakesNoFurtherTries() {
        fixture.given(
                        createdWithCallback(),
                        started(1),
                        completed(),
                        due(WebhookDueEvent.JOB_COMPLETED),
                        new JobDeletedEvent(JOB_ID, USER_ID, OUTPUT))
                .when(attempt(1, 200, null, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
