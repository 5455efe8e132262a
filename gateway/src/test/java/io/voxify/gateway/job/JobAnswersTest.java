package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.job.WebhookStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job written as a {@link JobResponse} is, byte for byte, what the hand-built map wrote: the files under
 * {@code job-answers/} were written by that map for these very jobs before the record replaced it. Answers,
 * the webhook body (whose signature covers its bytes) and the audit's view of a job all write this record.
 */
class JobAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678912Z");

    private final ObjectMapper json = new ObjectMapper();

    /** Every field set: a webhook, a file, an SSML mark among the timestamps, whole-valued decimals. */
    private static JobView completed() {
        return new JobView(
                "job_1",
                7,
                "usr_1",
                "preset_x",
                "x".repeat(120),
                "h",
                "en-US",
                "ssml",
                120,
                1,
                JobStatus.COMPLETED,
                100.0,
                "Done",
                new SynthesisSettings(1.0, 1.25, 0.0, "wav", 22050, "happy", true, "word", Map.of()),
                "fil_1",
                2.0,
                List.of(new TimedText("hi", "word", 0.0, 0.5, 0, 2), new TimedText("m1", "mark", 0.5, 0.5, 3, 3)),
                "boom",
                "X",
                2,
                AT,
                AT,
                AT,
                AT,
                1234L,
                "https://example.com/h",
                new WebhookStatus("dlv_1", "job.completed", "delivered", 1, 200, null, AT, null, AT),
                null);
    }

    /** Nothing optional set, and timestamps not asked for. */
    private static JobView pending() {
        return new JobView(
                "job_2",
                1,
                "usr_1",
                "preset_x",
                null,
                null,
                null,
                null,
                0,
                0,
                JobStatus.PENDING,
                0.0,
                null,
                new SynthesisSettings(1.0, 1.0, 1.0, "mp3", 8000, "neutral", false, "sentence", Map.of()),
                null,
                null,
                null,
                null,
                null,
                0,
                AT,
                AT,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aJobWithEverySetWritesWhatTheMapWrote() throws Exception {
        assertThat(json.writeValueAsString(JobResponse.of(completed(), true)))
                .isEqualTo(recorded("completed-with-text.json"));
    }

    @Test
    void aJobInAListWithoutTextHasItsTextCutAsTheMapCutIt() throws Exception {
        String written = json.writeValueAsString(JobResponse.of(completed(), false));
        assertThat(written).isEqualTo(recorded("completed-in-a-list.json"));
        assertThat(written).contains("\"text_content\":\"" + "x".repeat(100) + "…\"");
    }

    @Test
    void aBarePendingJobWritesEveryKeyWithItsNull() throws Exception {
        assertThat(json.writeValueAsString(JobResponse.of(pending(), false))).isEqualTo(recorded("pending-bare.json"));
    }

    @Test
    void onlyAMarkCarriesNameAndTime() throws Exception {
        assertThat(json.writeValueAsString(JobTimestampResponse.of(new TimedText("a", "word", 0.0, 1.0, 0, 1))))
                .isEqualTo(
                        "{\"text\":\"a\",\"type\":\"word\",\"start\":0.0,\"end\":1.0,\"char_start\":0,\"char_end\":1}");
        assertThat(json.writeValueAsString(JobTimestampResponse.of(new TimedText("m", "mark", 2.0, 2.0, 5, 5))))
                .endsWith(",\"char_end\":5,\"name\":\"m\",\"time\":2.0}");
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = JobAnswersTest.class.getResourceAsStream("/job-answers/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
