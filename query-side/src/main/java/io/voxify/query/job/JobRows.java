package io.voxify.query.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.job.WebhookStatus;
import io.voxify.events.webhook.WebhookErrors;
import io.voxify.query.support.ParsedColumns;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * A job's stored row read as its view and written from it. Times are kept as epoch milliseconds and
 * the settings and word timings as JSON text; reading parses each distinct text once (see
 * {@link ParsedColumns}), and writing serialises a column only when the view holds a value the row
 * was not read with.
 */
final class JobRows {
    private static final TypeReference<List<TimedText>> TIMED_TEXT_LIST = new TypeReference<>() {};

    private final ObjectMapper json;
    private final ParsedColumns<SynthesisSettings> settingsColumns;
    private final ParsedColumns<List<TimedText>> timestampColumns;

    JobRows(ObjectMapper json) {
        this.json = json;
        this.settingsColumns = new ParsedColumns<>(1 << 20, text -> read(text, SynthesisSettings.class));
        this.timestampColumns = new ParsedColumns<>(4 << 20, text -> Collections.unmodifiableList(readList(text)));
    }

    JobView view(JobEntity row) {
        return new JobView(
                row.jobId,
                row.version,
                row.userId,
                row.voiceModelId,
                row.text,
                row.textHash,
                row.textLanguage,
                row.textFormat,
                row.textLength,
                row.wordCount,
                JobStatus.valueOf(row.status),
                row.progress,
                row.progressMessage,
                settingsColumns.get(row.settingsJson),
                row.fileId,
                row.duration,
                timestampColumns.get(row.timestampsJson),
                row.errorMessage,
                row.errorCode,
                row.attempts,
                Instant.ofEpochMilli(row.createdAt),
                Instant.ofEpochMilli(row.updatedAt),
                instant(row.startedAt),
                instant(row.completedAt),
                row.processingTimeMs,
                row.callbackUrl,
                webhook(row),
                instant(row.contentExpiredAt));
    }

    /**
     * Sets {@code row} to {@code job}. {@code read} is the view the row was read as (null for a new row):
     * a column whose value is the very object read from it still holds that value's text.
     */
    void write(JobEntity row, JobView job, JobView read) {
        row.jobId = job.jobId();
        row.version = job.version();
        row.userId = job.userId();
        row.voiceModelId = job.voiceModelId();
        row.text = job.text();
        row.textHash = job.textHash();
        row.textLanguage = job.textLanguage();
        row.textFormat = job.textFormat();
        row.textLength = job.textLength();
        row.wordCount = job.wordCount();
        row.status = job.status().name();
        row.progress = job.progress();
        row.progressMessage = job.progressMessage();
        if (read == null || job.settings() != read.settings()) {
            row.settingsJson = write(job.settings());
        }
        row.fileId = job.fileId();
        row.duration = job.duration();
        if (read == null || job.timestamps() != read.timestamps()) {
            row.timestampsJson = job.timestamps() == null ? null : write(job.timestamps());
        }
        row.errorMessage = job.errorMessage();
        row.errorCode = job.errorCode();
        row.attempts = job.attempts();
        row.createdAt = job.createdAt().toEpochMilli();
        row.updatedAt = job.updatedAt().toEpochMilli();
        row.startedAt = epochMillis(job.startedAt());
        row.completedAt = epochMillis(job.completedAt());
        row.processingTimeMs = job.processingTimeMs();
        row.callbackUrl = job.callbackUrl();
        row.contentExpiredAt = epochMillis(job.contentExpiredAt());
        WebhookStatus webhook = job.webhook();
        row.webhookDeliveryId = webhook == null ? null : webhook.deliveryId();
        row.webhookEvent = webhook == null ? null : webhook.event();
        row.webhookState = webhook == null ? null : webhook.state();
        row.webhookAttempts = webhook == null ? null : webhook.attempts();
        row.webhookLastStatus = webhook == null ? null : webhook.lastStatusCode();
        row.webhookLastError = webhook == null ? null : webhook.lastError();
        row.webhookLastAttemptAt = webhook == null ? null : epochMillis(webhook.lastAttemptAt());
        row.webhookNextAttemptAt = webhook == null ? null : epochMillis(webhook.nextAttemptAt());
        row.webhookDeliveredAt = webhook == null ? null : epochMillis(webhook.deliveredAt());
    }

    private static WebhookStatus webhook(JobEntity row) {
        if (row.webhookDeliveryId == null) {
            return null;
        }
        return new WebhookStatus(
                row.webhookDeliveryId,
                row.webhookEvent,
                row.webhookState,
                row.webhookAttempts == null ? 0 : row.webhookAttempts,
                row.webhookLastStatus,
                WebhookErrors.category(row.webhookLastError, row.webhookLastStatus), // rows written before categories
                instant(row.webhookLastAttemptAt),
                instant(row.webhookNextAttemptAt),
                instant(row.webhookDeliveredAt));
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static Long epochMillis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise read-model column", e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return value == null ? null : json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt read-model column", e);
        }
    }

    private List<TimedText> readList(String value) {
        try {
            return json.readValue(value, TIMED_TEXT_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt read-model column", e);
        }
    }
}
