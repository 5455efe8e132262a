package io.voxify.query.job;

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
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.events.webhook.WebhookErrors;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one event does to a job as the read model holds it: the single definition of the job view. The
 * projection applies it event by event to the stored row; the job's history folds the job's events up to
 * a moment through it. Both therefore show the same job for the same events, and a change here changes
 * both.
 *
 * <p>It is idempotent, as projections must be: an event whose sequence number is not above the job's
 * version has been applied already (a redelivery, or a batch handled again after its token moved) and
 * changes nothing, and a creation of a job that exists changes nothing either. Times are kept to the
 * millisecond, as the stored row keeps them, so the history shows the instants the list shows.
 */
public final class JobEvolver {
    private static final Pattern WORD = Pattern.compile("\\S+");
    /** SSML markup, which is not counted as words (the document's length still counts all of it). */
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>");

    private static final Pattern SPOKEN_WORD = Pattern.compile("\\S*[\\p{L}\\p{N}]\\S*");

    private JobEvolver() {}

    /**
     * The job after {@code event}, the event at position {@code sequence} of the job's stream, stored at
     * {@code at}. {@code job} is null before the job's creation, and the answer is null once it is
     * deleted. An event that does not shape the job returns {@code job} itself, as does an event already
     * applied: callers can tell "nothing changed" by identity.
     */
    public static JobView evolve(JobView job, Object event, long sequence, Instant at) {
        if (event instanceof JobDeletedEvent) {
            return null;
        }
        if (event instanceof JobCreatedEvent e) {
            return job != null ? job : created(e, sequence, millis(at));
        }
        if (job == null || sequence <= job.version() || !shapesTheJob(event)) {
            return job;
        }
        Draft next = new Draft(job);
        apply(next, event, millis(at));
        next.version = sequence;
        next.updatedAt = latest(job.updatedAt(), millis(at));
        return next.view();
    }

    private static boolean shapesTheJob(Object event) {
        return event instanceof JobUpdatedEvent
                || event instanceof JobStartedEvent
                || event instanceof JobProgressedEvent
                || event instanceof JobAttemptFailedEvent
                || event instanceof JobCompletedEvent
                || event instanceof JobFailedEvent
                || event instanceof JobCancelledEvent
                || event instanceof JobContentExpiredEvent
                || event instanceof WebhookDueEvent
                || event instanceof WebhookAttemptedEvent
                || event instanceof WebhookDeliveredEvent
                || event instanceof WebhookAbandonedEvent;
    }

    private static JobView created(JobCreatedEvent e, long sequence, Instant at) {
        Draft job = new Draft();
        job.jobId = e.jobId();
        job.version = sequence;
        job.userId = e.userId();
        job.voiceModelId = e.voiceModelId();
        job.textFormat = e.textFormat();
        job.status = JobStatus.PENDING;
        job.progress = 0;
        job.progressMessage = "Job queued for processing";
        job.createdAt = at;
        job.updatedAt = at;
        job.attempts = 0;
        job.callbackUrl = e.callbackUrl();
        text(job, e.text(), e.textHash(), e.textLanguage(), e.settings());
        return job.view();
    }

    private static void apply(Draft job, Object event, Instant at) {
        if (event instanceof JobUpdatedEvent e) {
            job.callbackUrl = e.callbackUrl();
            text(job, e.text(), e.textHash(), e.textLanguage(), e.settings());
        } else if (event instanceof JobStartedEvent e) {
            job.status = JobStatus.PROCESSING;
            job.attempts = e.attempt();
            job.progress = 0;
            job.progressMessage =
                    e.attempt() == 1 ? "Synthesis started" : "Retrying synthesis (attempt " + e.attempt() + ")";
            if (job.startedAt == null) {
                job.startedAt = at;
            }
            job.errorMessage = null;
            job.errorCode = null;
        } else if (event instanceof JobProgressedEvent e) {
            job.progress = e.progress();
            job.progressMessage = e.message();
        } else if (event instanceof JobAttemptFailedEvent e) {
            job.progressMessage = "Attempt " + e.attempt() + " failed: " + e.reason();
            job.errorMessage = e.reason();
            job.errorCode = e.errorCode();
        } else if (event instanceof JobCompletedEvent e) {
            AudioOutput out = e.output();
            job.status = JobStatus.COMPLETED;
            job.progress = 100;
            job.progressMessage = "Synthesis completed";
            job.fileId = out.fileId();
            job.duration = out.durationSeconds();
            job.timestamps = e.timestamps() == null ? List.of() : Collections.unmodifiableList(e.timestamps());
            job.completedAt = at;
            job.processingTimeMs = e.processingTimeMs();
            job.errorMessage = null;
            job.errorCode = null;
        } else if (event instanceof JobFailedEvent e) {
            job.status = JobStatus.FAILED;
            job.progressMessage = "Synthesis failed";
            job.errorMessage = e.reason();
            job.errorCode = e.errorCode();
            job.completedAt = at;
            if (job.startedAt != null) {
                job.processingTimeMs = at.toEpochMilli() - job.startedAt.toEpochMilli();
            }
        } else if (event instanceof JobCancelledEvent) {
            job.status = JobStatus.CANCELLED;
            job.progressMessage = "Job cancelled";
            job.completedAt = at;
        } else if (event instanceof JobContentExpiredEvent e) {
            // What the job's destroyed key erases from its events, and its audio, which is removed. Its counts
            // stay as they were: the event keeps them, as a replay reads the created text as erased.
            if (e.textLength() != null) {
                job.textLength = e.textLength();
            }
            if (e.wordCount() != null) {
                job.wordCount = e.wordCount();
            }
            job.text = Erasure.ERASED;
            job.textHash = null;
            job.callbackUrl = null;
            job.timestamps = List.of();
            job.fileId = null;
            job.contentExpiredAt = at;
        } else if (event instanceof WebhookDueEvent e) {
            job.webhookDeliveryId = e.deliveryId();
            job.webhookEvent = e.event();
            job.webhookState = WebhookStatus.PENDING;
            job.webhookAttempts = 0;
            job.webhookNextAttemptAt = at;
        } else if (event instanceof WebhookAttemptedEvent e) {
            job.webhookAttempts = e.attempt();
            job.webhookLastStatus = e.statusCode();
            job.webhookLastError = WebhookErrors.category(e.error(), e.statusCode());
            job.webhookLastAttemptAt = e.attemptedAt() == null ? at : millis(e.attemptedAt());
            job.webhookNextAttemptAt = e.nextAttemptAt() == null ? null : millis(e.nextAttemptAt());
        } else if (event instanceof WebhookDeliveredEvent e) {
            job.webhookState = WebhookStatus.DELIVERED;
            job.webhookDeliveredAt = e.deliveredAt() == null ? at : millis(e.deliveredAt());
            job.webhookNextAttemptAt = null;
        } else if (event instanceof WebhookAbandonedEvent) {
            // The reason stays in the event (the audit shows it); the view keeps the last try's category.
            job.webhookState = WebhookStatus.ABANDONED;
            job.webhookNextAttemptAt = null;
        }
    }

    private static void text(Draft job, String text, String hash, String language, SynthesisSettings settings) {
        job.text = text;
        job.textHash = hash;
        job.textLanguage = language;
        job.textLength = text.codePointCount(0, text.length());
        job.wordCount = JobCreatedEvent.SSML.equals(job.textFormat)
                ? (int) SPOKEN_WORD
                        .matcher(MARKUP.matcher(text).replaceAll(" "))
                        .results()
                        .count()
                : (int) WORD.matcher(text).results().count();
        job.settings = settings;
    }

    private static Instant millis(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The job while one event changes it. The webhook is kept field by field, as the row keeps it: it is
     * shown once a delivery is due, and a try keeps what the tries before it left.
     */
    private static final class Draft {
        String jobId;
        long version;
        String userId;
        String voiceModelId;
        String text;
        String textHash;
        String textLanguage;
        String textFormat;
        int textLength;
        int wordCount;
        JobStatus status;
        double progress;
        String progressMessage;
        SynthesisSettings settings;
        String fileId;
        Double duration;
        List<TimedText> timestamps;
        String errorMessage;
        String errorCode;
        int attempts;
        Instant createdAt;
        Instant updatedAt;
        Instant startedAt;
        Instant completedAt;
        Long processingTimeMs;
        String callbackUrl;
        String webhookDeliveryId;
        String webhookEvent;
        String webhookState;
        int webhookAttempts;
        Integer webhookLastStatus;
        String webhookLastError;
        Instant webhookLastAttemptAt;
        Instant webhookNextAttemptAt;
        Instant webhookDeliveredAt;
        Instant contentExpiredAt;

        Draft() {}

        Draft(JobView job) {
            jobId = job.jobId();
            version = job.version();
            userId = job.userId();
            voiceModelId = job.voiceModelId();
            text = job.text();
            textHash = job.textHash();
            textLanguage = job.textLanguage();
            textFormat = job.textFormat();
            textLength = job.textLength();
            wordCount = job.wordCount();
            status = job.status();
            progress = job.progress();
            progressMessage = job.progressMessage();
            settings = job.settings();
            fileId = job.fileId();
            duration = job.duration();
            timestamps = job.timestamps();
            errorMessage = job.errorMessage();
            errorCode = job.errorCode();
            attempts = job.attempts();
            createdAt = job.createdAt();
            updatedAt = job.updatedAt();
            startedAt = job.startedAt();
            completedAt = job.completedAt();
            processingTimeMs = job.processingTimeMs();
            callbackUrl = job.callbackUrl();
            contentExpiredAt = job.contentExpiredAt();
            WebhookStatus webhook = job.webhook();
            if (webhook != null) {
                webhookDeliveryId = webhook.deliveryId();
                webhookEvent = webhook.event();
                webhookState = webhook.state();
                webhookAttempts = webhook.attempts();
                webhookLastStatus = webhook.lastStatusCode();
                webhookLastError = webhook.lastError();
                webhookLastAttemptAt = webhook.lastAttemptAt();
                webhookNextAttemptAt = webhook.nextAttemptAt();
                webhookDeliveredAt = webhook.deliveredAt();
            }
        }

        JobView view() {
            WebhookStatus webhook = webhookDeliveryId == null
                    ? null
                    : new WebhookStatus(
                            webhookDeliveryId,
                            webhookEvent,
                            webhookState,
                            webhookAttempts,
                            webhookLastStatus,
                            webhookLastError,
                            webhookLastAttemptAt,
                            webhookNextAttemptAt,
                            webhookDeliveredAt);
            return new JobView(
                    jobId,
                    version,
                    userId,
                    voiceModelId,
                    text,
                    textHash,
                    textLanguage,
                    textFormat,
                    textLength,
                    wordCount,
                    status,
                    progress,
                    progressMessage,
                    settings,
                    fileId,
                    duration,
                    timestamps,
                    errorMessage,
                    errorCode,
                    attempts,
                    createdAt,
                    updatedAt,
                    startedAt,
                    completedAt,
                    processingTimeMs,
                    callbackUrl,
                    webhook,
                    contentExpiredAt);
        }
    }
}
