package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.support.StoredData;
import io.voxify.infrastructure.storage.BlobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention on a running application: with {@code job_retention_days} set, a sweep erases the text of every
 * finished job that ended longer ago and removes its audio; a younger job, and any job while the setting is 0,
 * is left as it was. An application of its own, since a sweep "days from now" would expire every job that the
 * other tests' shared application holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionTest {
    private static final String CONFIG = "/api/v1/admin/config";
    private static final Duration SOON = Duration.ofSeconds(60);

    private RunningApp app;
    private ApiClient admin;
    private ApiClient user;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String text = "Remind Ms Abernathy " + tag + " of her appointment.";
    private final String callback = "https://hooks-" + tag + ".example.invalid/voxify";
    private String oldJob;
    private String fileId;
    private String blobKey;

    @BeforeAll
    void aUsersCompletedJob() {
        // The scheduled sweep stays off: only the sweeps this test asks for run.
        app = RunningApp.start(RunningApp.tempDir("voxify-retention-"), Map.of("voxify.retention.enabled", false));
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        user = app.client().newUser();
        oldJob = completedJob(text, callback);
        fileId = user.get("/api/v1/job/" + oldJob).data().get("file_id").asText();
        blobKey = new JdbcTemplate(app.bean(DataSource.class))
                .queryForObject("SELECT blob_key FROM audio_file_view WHERE job_id = ?", String.class, oldJob);
        assertThat(blobs().exists(blobKey)).isTrue();
    }

    @AfterAll
    void keepJobsForEverAgain() {
        if (app != null) {
            try {
                configure(0);
            } finally {
                app.close();
            }
        }
    }

    private String completedJob(String jobText, String jobCallback) {
        JsonNode job = user.createJob(Map.of(
                "text_content", jobText, "callback_url", jobCallback, "config", Map.of("include_timestamps", true)));
        String id = job.get("id").asText();
        user.awaitJob(id, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(90));
        return id;
    }

    private void configure(int days) {
        ApiClient.Response r = admin.put(CONFIG, Map.of("job_retention_days", days));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().get("job_retention_days").asInt()).isEqualTo(days);
    }

    private RetentionSweeper.Result sweepAt(Instant now) {
        return app.bean(RetentionSweeper.class).sweep(now);
    }

    private BlobStore blobs() {
        return app.bean(BlobStore.class);
    }

    private void assertUntouched(String jobId, String jobText) {
        JsonNode job = user.get("/api/v1/job/" + jobId).data();
        assertThat(job.get("text_content").asText()).isEqualTo(jobText);
        assertThat(job.get("text_hash").isNull()).isFalse();
        assertThat(job.get("output_file_path").isNull()).isFalse();
        assertThat(user.get("/api/v1/files/audio/" + job.get("file_id").asText())
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(1)
    void theSettingIsZeroAndKeepsJobsForEver() {
        assertThat(admin.get(CONFIG).data().get("job_retention_days").asInt()).isZero();
        ApiClient.Response bad = admin.put(CONFIG, Map.of("job_retention_days", 3651));
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.json()
                        .get("error")
                        .get("details")
                        .get("job_retention_days")
                        .asText())
                .startsWith("must be a whole number between 0 and 3650");

        RetentionSweeper.Result result = sweepAt(Instant.now().plus(Duration.ofDays(3650)));

        assertThat(result.swept()).isFalse();
        assertThat(result.expired()).isZero();
        assertUntouched(oldJob, text);
    }

    @Test
    @Order(2)
    void aJobYoungerThanTheRetentionIsKept() {
        configure(3);

        RetentionSweeper.Result result = sweepAt(Instant.now().plus(Duration.ofDays(2)));

        assertThat(result.swept()).isTrue();
        assertThat(result.expired()).isZero();
        assertUntouched(oldJob, text);
    }

    @Test
    @Order(3)
    void anOlderJobLosesItsTextAndItsAudio() {
        assertThat(user.get("/api/v1/job/" + oldJob).data().at("/webhook/state").asText())
                .as("its webhook is still being retried")
                .isEqualTo("pending");
        configure(1);

        RetentionSweeper.Result result = sweepAt(Instant.now().plus(Duration.ofDays(2)));

        assertThat(result.swept()).isTrue();
        assertThat(result.expired()).isEqualTo(1);
        JsonNode job = user.awaitJob(oldJob, j -> j.get("text_content").asText().equals("[erased]"), SOON);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("text_hash").isNull()).isTrue();
        assertThat(job.get("callback_url").isNull()).isTrue();
        JsonNode webhook = user.awaitJob(
                        oldJob, j -> !j.get("webhook").get("state").asText().equals("pending"), SOON)
                .get("webhook");
        assertThat(webhook.get("state").asText())
                .as("its webhook, still retrying an address that does not resolve, ends with the URL")
                .isEqualTo("abandoned");
        assertThat(job.get("output_file_path").isNull()).isTrue();
        assertThat(job.get("file_id").isNull()).isTrue();
        assertThat(job.get("timestamps")).isEmpty();
        assertThat(job.get("duration").asDouble()).isPositive();
        assertThat(user.get("/api/v1/files/audio/" + fileId).status()).isEqualTo(404);
        assertThat(user.get("/api/v1/files/audio/" + oldJob).status())
                .as("by the job id")
                .isEqualTo(404);
        long end = System.nanoTime() + SOON.toNanos();
        while (blobs().exists(blobKey) && System.nanoTime() < end) {
            ApiClient.sleep(100);
        }
        assertThat(blobs().exists(blobKey)).as("the audio blob").isFalse();

        assertThat(StoredData.inClear(app.bean(DataSource.class), List.of(text, callback)))
                .as("the event store never held them in clear")
                .isEmpty();
        JsonNode history = admin.get("/api/v1/audit/jobs/" + oldJob + "/events").data();
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).startsWith("JobCreatedEvent").contains("JobCompletedEvent", "JobContentExpiredEvent");
        JsonNode created = history.get(0);
        assertThat(created.get("erased").asBoolean()).isTrue();
        assertThat(created.get("payload").get("text").asText()).isEqualTo("[erased]");
        assertThat(created.get("payload").get("callback_url").asText()).isEqualTo("[erased]");
        assertThat(history.toString()).doesNotContain(text, callback);

        RetentionSweeper.Result again = sweepAt(Instant.now().plus(Duration.ofDays(2)));
        assertThat(again.expired()).as("a job expires once").isZero();
    }

    @Test
    @Order(4)
    void aYoungerJobAndASettingOfZeroLeaveJobsAsTheyWere() {
        String youngText = "Water the ferns " + tag + " on Sunday.";
        String youngJob = completedJob(youngText, callback + "/young");

        RetentionSweeper.Result younger = sweepAt(Instant.now().plus(Duration.ofHours(12)));
        assertThat(younger.swept()).isTrue();
        assertThat(younger.expired()).isZero();
        assertUntouched(youngJob, youngText);

        configure(0);
        RetentionSweeper.Result off = sweepAt(Instant.now().plus(Duration.ofDays(3650)));
        assertThat(off.swept()).isFalse();
        assertUntouched(youngJob, youngText);
        JsonNode history =
                admin.get("/api/v1/audit/jobs/" + youngJob + "/events").data();
        assertThat(history.get(0).get("erased").asBoolean()).isFalse();
        assertThat(history.get(0).get("payload").get("text").asText()).isEqualTo(youngText);
    }
}
