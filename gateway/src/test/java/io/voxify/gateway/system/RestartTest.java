package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stop the server, start it again on the same data directory: everything is still there. */
class RestartTest {

    @Test
    void usersJobsAndFilesSurviveARestartWithoutReplayingProjections() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-restart-");
        String email = "restart-" + UUID.randomUUID() + "@example.com";
        String jobId;
        String sentinelJobId;
        byte[] audio;
        try (RunningApp first = RunningApp.start(dataDir, Map.of())) {
            ApiClient anonymous = first.client();
            anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
            ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
            jobId = user.createJob(Map.of("text_content", "I will still be here tomorrow."))
                    .get("id")
                    .asText();
            sentinelJobId = user.createJob(Map.of("text_content", "Sentinel."))
                    .get("id")
                    .asText();
            user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
            user.awaitJob(sentinelJobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
            audio = user.get("/api/v1/files/audio/" + jobId).body();
        }

        // Remove one row behind the projection's back: a projection that re-ran from zero would bring it back.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("voxify.db"));
                PreparedStatement delete = db.prepareStatement("delete from job_view where job_id = ?")) {
            delete.setString(1, sentinelJobId);
            assertThat(delete.executeUpdate()).isEqualTo(1);
            try (ResultSet tokens = db.createStatement()
                    .executeQuery("select count(*) from token_entry where processor_name = 'jobs'")) {
                assertThat(tokens.next()).isTrue();
                assertThat(tokens.getInt(1)).isEqualTo(1);
            }
        }

        try (RunningApp second = RunningApp.start(dataDir, Map.of())) {
            ApiClient user = second.client().login(email, ApiClient.PASSWORD);
            JsonNode job = user.get("/api/v1/job/" + jobId).data();
            assertThat(job.get("status").asText()).isEqualTo("completed");
            assertThat(user.get("/api/v1/files/audio/" + jobId).body()).isEqualTo(audio);
            assertThat(user.get("/api/v1/job/" + sentinelJobId).status()).isEqualTo(404);

            String after = user.createJob(Map.of("text_content", "And new work still flows."))
                    .get("id")
                    .asText();
            user.awaitJob(after, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        }
    }
}
