package io.voxify.query.job;

import static io.voxify.query.job.JobEvolverTest.JOB;
import static io.voxify.query.job.JobEvolverTest.OUTPUT;
import static io.voxify.query.job.JobEvolverTest.START;
import static io.voxify.query.job.JobEvolverTest.TIMINGS;
import static io.voxify.query.job.JobEvolverTest.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.JobAttemptFailedEvent;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobProgressedEvent;
import io.voxify.events.job.JobStartedEvent;
import io.voxify.events.job.JobUpdatedEvent;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.events.webhook.WebhookErrors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job list stores each state the evolver returns and reads the next one back from its row; the job's
 * history keeps the states in memory. The two agree only if a row reads back as the view it was written from.
 */
class JobRowsTest {
    private final JobRows rows = new JobRows(new ObjectMapper());

    @Test
    void theStoredJobListAndTheHistoryShowTheSameJobAfterEveryEvent() {
        SynthesisSettings edited = new SynthesisSettings(
                1.25,
                -2.0,
                0.9,
                "mp3",
                24000,
                null,
                false,
                null,
                Map.of("speed", 1.25, "nested", Map.of("n", 3, "big", 12_345_678_901L), "tags", List.of("a", "b")));
        List<Object> events = List.of(
                created("Hello world."),
                new JobUpdatedEvent(JOB, "Hello there, world.", "hash-2", "en", edited, "https://x.org/h"),
                new JobStartedEvent(JOB, 1, "w"),
                new JobProgressedEvent(JOB, 1, 33.3, "a third"),
                new JobAttemptFailedEvent(JOB, 1, "crash", "E", true),
                new JobStartedEvent(JOB, 2, "w"),
                new JobCompletedEvent(JOB, "user-1", 2, OUTPUT, TIMINGS, 850, 700),
                new WebhookDueEvent(JOB, "user-1", "whd_" + JOB, WebhookDueEvent.JOB_COMPLETED, "https://x.org/h"),
                new WebhookAttemptedEvent(
                        JOB,
                        "whd_" + JOB,
                        1,
                        "https://x.org/h",
                        500,
                        null,
                        10,
                        Instant.parse("2026-03-01T10:00:09.987654Z"),
                        Instant.parse("2026-03-01T10:01:09.5Z")),
                new JobContentExpiredEvent(JOB, "user-1", 30, OUTPUT, 12, 3));
        JobEntity row = null;
        JobView history = null;
        for (int i = 0; i < events.size(); i++) {
            Instant at = START.plusSeconds(i);
            history = JobEvolver.evolve(history, events.get(i), i, at);

            JobView read = row == null ? null : rows.view(row);
            JobView stored = JobEvolver.evolve(read, events.get(i), i, at);
            row = row == null ? new JobEntity() : row;
            rows.write(row, stored, read);

            assertThat(rows.view(row)).as("after event %d", i).isEqualTo(history);
        }
        assertThat(history.settings()).isEqualTo(edited);
        assertThat(history.webhook().lastError()).isEqualTo(WebhookErrors.HTTP_STATUS);
        assertThat(history.contentExpiredAt()).isNotNull();
    }

    @Test
    void aRowWrittenBeforeWebhookErrorsHadCategoriesShowsTheCategory() {
        JobEntity row = new JobEntity();
        rows.write(row, JobEvolver.evolve(null, created("Hello world."), 0, START), null);
        row.webhookDeliveryId = "whd_" + JOB;
        row.webhookEvent = WebhookDueEvent.JOB_COMPLETED;
        row.webhookState = "abandoned";
        row.webhookLastError = "SocketTimeoutException: Read timed out from 203.0.113.9";

        assertThat(rows.view(row).webhook().lastError()).isEqualTo(WebhookErrors.TIMEOUT);
        assertThat(rows.view(row).webhook().attempts()).isZero();
    }
}
