package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saga's timeout is a persistent deadline (db-scheduler, same database) and it really fires. */
class JobTimeoutTest {

    @Test
    void aJobThatOutlivesItsTimeoutFailsAndItsStreamEnds() throws Exception {
        try (RunningApp app = RunningApp.start(
                RunningApp.tempDir("voxify-timeout-"), Map.of("voxify.synthesis.job-timeout", "PT3S"))) {
            ApiClient user = app.client().newUser();
            String text = "A long sentence that keeps the worker busy well past the deadline. ".repeat(140);
            String jobId = user.createJob(Map.of("text_content", text, "speed", 0.5, "output_format", "mp3"))
                    .get("id")
                    .asText();
            assertThat(storedDeadlines(app))
                    .as("the timeout is stored, not held in memory")
                    .isEqualTo(1);

            ApiClient.SseCapture stream = user.progress(jobId, Duration.ofSeconds(60));
            assertThat(stream.last().get("event").asText()).isEqualTo("failed");
            JsonNode job = user.get("/api/v1/job/" + jobId).data();
            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.get("error_message").asText()).contains("did not finish within 3 s");
            assertThat(job.get("output_file_path").isNull()).isTrue();
        }
    }

    /** Waits for the saga to schedule its deadline (it handles the creation asynchronously). */
    private static int storedDeadlines(RunningApp app) throws Exception {
        int count = 0;
        for (int i = 0; i < 100 && count == 0; i++) {
            try (Connection db = DriverManager.getConnection(
                            "jdbc:sqlite:" + app.dataDir().resolve("voxify.db"));
                    ResultSet rows = db.createStatement()
                            .executeQuery("select count(*) from scheduled_tasks where task_name = 'AxonDeadline'")) {
                count = rows.getInt(1);
            }
            if (count == 0) {
                ApiClient.sleep(50);
            }
        }
        return count;
    }
}
