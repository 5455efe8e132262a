package io.voxify.command.job;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.voxify.events.common.AxonNames;
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
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobUpdatedEvent;
import io.voxify.events.job.JobWork;
import io.voxify.events.job.RecordJobAttemptFailedCommand;
import io.voxify.events.job.RecordJobProgressCommand;
import io.voxify.events.job.StartJobCommand;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.UpdateJobCommand;
import io.voxify.events.webhook.WebhookDueEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One synthesis job. It alone decides the races between the owner (update, cancel, delete) and
 * the worker (start, progress, complete): whoever's command arrives second is refused.
 *
 * <p>A job takes a dozen commands in a second or two (create, start, progress, complete); the
 * cache named here keeps it loaded between them where one process handles all of them (see
 * {@link #CACHE}), instead of reading its events back from the store for each.
 */
@Aggregate(cache = SynthesisJob.CACHE)
public class SynthesisJob {

    /** The bean name of the aggregate cache: a real cache only where a single node handles every command. */
    public static final String CACHE = AxonNames.SYNTHESIS_JOB_CACHE;

    /** An attempt number of 0 in a progress command means "the current attempt" (admin updates). */
    public static final int CURRENT_ATTEMPT = 0;

    @AggregateIdentifier
    private String jobId;

    private String userId;
    private JobStatus status;
    private String text;
    private String textLanguage;
    private String textFormat;
    private String voiceModelId;
    private SynthesisSettings settings;
    private int attempt;
    private boolean attemptRunning;
    private double progress;
    private AudioOutput output;
    private String callbackUrl;
    /** Retention erased its text and removed its audio; the job stays, with nothing left to expire. */
    private boolean contentExpired;
    /** The job decides when its end is announced; following the delivery tries is the member's. */
    @AggregateMember
    private final JobWebhook webhook = new JobWebhook();

    protected SynthesisJob() {}

    @CommandHandler
    public SynthesisJob(CreateJobCommand cmd) {
        if (cmd.text() == null || cmd.text().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "text_content must not be empty");
        }
        String textFormat = cmd.textFormat() == null ? JobCreatedEvent.PLAIN_TEXT : cmd.textFormat();
        if (!JobCreatedEvent.TEXT_FORMATS.contains(textFormat)) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR, "text_format must be one of " + JobCreatedEvent.TEXT_FORMATS);
        }
        apply(new JobCreatedEvent(
                cmd.jobId(),
                cmd.userId(),
                cmd.text(),
                sha256(cmd.text()),
                cmd.textLanguage(),
                textFormat,
                cmd.voiceModelId(),
                cmd.settings(),
                cmd.callbackUrl()));
    }

    @CommandHandler
    public void handle(UpdateJobCommand cmd) {
        if (cmd.text() == null || cmd.text().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "text_content must not be empty");
        }
        if (status != JobStatus.PENDING) {
            throw new DomainException(
                    ErrorCode.JOB_NOT_UPDATABLE, "Only pending jobs can be updated; this job is " + status.wireName());
        }
        apply(new JobUpdatedEvent(
                jobId, cmd.text(), sha256(cmd.text()), cmd.textLanguage(), cmd.settings(), cmd.callbackUrl()));
    }

    @CommandHandler
    public JobWork handle(StartJobCommand cmd) {
        boolean firstStart = status == JobStatus.PENDING;
        boolean retry = status == JobStatus.PROCESSING && !attemptRunning;
        if (!(firstStart || retry) || cmd.attempt() != attempt + 1) {
            throw transition("start attempt " + cmd.attempt());
        }
        apply(new JobStartedEvent(jobId, cmd.attempt(), cmd.workerId()));
        return new JobWork(jobId, userId, cmd.attempt(), text, textLanguage, voiceModelId, settings, textFormat);
    }

    @CommandHandler
    public void handle(RecordJobProgressCommand cmd) {
        requireRunningAttempt(cmd.attempt(), true, "record progress");
        if (!(cmd.progress() >= 0 && cmd.progress() <= 100)) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "progress must be between 0 and 100");
        }
        if (cmd.progress() < progress) {
            return;
        }
        apply(new JobProgressedEvent(jobId, attempt, cmd.progress(), cmd.message()));
    }

    @CommandHandler
    public void handle(CompleteJobCommand cmd) {
        requireRunningAttempt(cmd.attempt(), false, "complete");
        apply(new JobCompletedEvent(
                jobId, userId, attempt, cmd.output(), cmd.timestamps(), cmd.processingTimeMs(), cmd.engineCpuMs()));
        announce(WebhookDueEvent.JOB_COMPLETED);
    }

    @CommandHandler
    public void handle(RecordJobAttemptFailedCommand cmd) {
        requireRunningAttempt(cmd.attempt(), false, "record a failed attempt");
        apply(new JobAttemptFailedEvent(jobId, attempt, cmd.reason(), cmd.errorCode(), cmd.retryable()));
    }

    @CommandHandler
    public void handle(FailJobCommand cmd) {
        if (status.isFinal()) {
            throw transition("fail");
        }
        apply(new JobFailedEvent(jobId, cmd.reason(), cmd.errorCode()));
        announce(WebhookDueEvent.JOB_FAILED);
    }

    /** Completion and failure are announced to the callback URL, if the job has one; cancellation is not. */
    private void announce(String event) {
        if (callbackUrl != null) {
            apply(new WebhookDueEvent(jobId, userId, "whd_" + jobId, event, callbackUrl));
        }
    }

    @CommandHandler
    public void handle(CancelJobCommand cmd) {
        if (status.isFinal()) {
            throw transition("cancel");
        }
        apply(new JobCancelledEvent(jobId, cmd.requestedBy()));
    }

    @CommandHandler
    public void handle(DeleteJobCommand cmd) {
        if (status == JobStatus.PROCESSING) {
            throw new DomainException(
                    ErrorCode.JOB_NOT_DELETABLE, "A job cannot be deleted while it is processing; cancel it first");
        }
        apply(new JobDeletedEvent(jobId, cmd.requestedBy(), output));
    }

    /**
     * Retention: only a finished job loses its text and audio (a running one still needs them), and only once.
     * The caller destroys the job's key once this event is stored. A webhook still being retried is abandoned.
     */
    @CommandHandler
    public void handle(ExpireJobContentCommand cmd) {
        if (cmd.retentionDays() < 1) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "retention_days must be at least 1");
        }
        if (!status.isFinal()) {
            throw transition("expire the content");
        }
        if (contentExpired) {
            throw new DomainException(ErrorCode.CONFLICT, "The job's text and audio have expired already");
        }
        apply(new JobContentExpiredEvent(
                jobId, userId, cmd.retentionDays(), output, cmd.textLength(), cmd.wordCount()));
        // Its callback URL is erased with the text, so a delivery still retrying ends here, and says so.
        webhook.abandonOpen(jobId, JobWebhook.CONTENT_EXPIRED);
    }

    /** Only progress may name "the current attempt"; results must come from the attempt that made them. */
    private void requireRunningAttempt(int requested, boolean currentAllowed, String action) {
        boolean current = (currentAllowed && requested == CURRENT_ATTEMPT) || requested == attempt;
        if (status != JobStatus.PROCESSING || !attemptRunning || !current) {
            throw transition(action);
        }
    }

    private DomainException transition(String action) {
        return new DomainException(
                ErrorCode.INVALID_STATUS_TRANSITION, "Cannot " + action + " while the job is " + status.wireName());
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @EventSourcingHandler
    void on(JobCreatedEvent e) {
        jobId = e.jobId();
        userId = e.userId();
        text = e.text();
        textLanguage = e.textLanguage();
        textFormat = e.textFormat() == null ? JobCreatedEvent.PLAIN_TEXT : e.textFormat();
        voiceModelId = e.voiceModelId();
        settings = e.settings();
        callbackUrl = e.callbackUrl();
        status = JobStatus.PENDING;
    }

    @EventSourcingHandler
    void on(JobUpdatedEvent e) {
        text = e.text();
        textLanguage = e.textLanguage();
        settings = e.settings();
        callbackUrl = e.callbackUrl();
    }

    @EventSourcingHandler
    void on(JobStartedEvent e) {
        status = JobStatus.PROCESSING;
        attempt = e.attempt();
        attemptRunning = true;
        progress = 0;
    }

    @EventSourcingHandler
    void on(JobProgressedEvent e) {
        progress = e.progress();
    }

    @EventSourcingHandler
    void on(JobAttemptFailedEvent e) {
        attemptRunning = false;
    }

    @EventSourcingHandler
    void on(JobCompletedEvent e) {
        status = JobStatus.COMPLETED;
        attemptRunning = false;
        progress = 100;
        output = e.output();
    }

    @EventSourcingHandler
    void on(JobFailedEvent e) {
        status = JobStatus.FAILED;
        attemptRunning = false;
    }

    @EventSourcingHandler
    void on(JobCancelledEvent e) {
        status = JobStatus.CANCELLED;
        attemptRunning = false;
    }

    @EventSourcingHandler
    void on(JobContentExpiredEvent e) {
        contentExpired = true;
        text = null;
        callbackUrl = null;
        output = null;
    }

    @EventSourcingHandler
    void on(JobDeletedEvent e) {
        markDeleted();
    }
}
