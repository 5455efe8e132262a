package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One user never reaches another's job, progress stream or file: it answers as if nothing were there. */
class IsolationTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void anotherUsersJobProgressAndFileAnswer404() {
        ApiClient owner = app.client().newUser();
        ApiClient stranger = app.client().newUser();
        JsonNode created = owner.createJob(Map.of("text_content", "Private words."));
        String jobId = created.get("id").asText();
        JsonNode done =
                owner.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        String fileId = done.get("file_id").asText();

        ApiClient.Response get = stranger.get("/api/v1/job/" + jobId);
        ApiClient.Response missing = stranger.get("/api/v1/job/job_doesnotexist000000");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.errorCode()).isEqualTo(missing.errorCode()).isEqualTo("JOB_NOT_FOUND");
        assertThat(stranger.put("/api/v1/job/" + jobId, Map.of("text_content", "mine now"))
                        .status())
                .isEqualTo(404);
        assertThat(stranger.patch("/api/v1/job/" + jobId, Map.of("status", "cancelled"))
                        .status())
                .isEqualTo(404);
        assertThat(stranger.delete("/api/v1/job/" + jobId).status()).isEqualTo(404);
        ApiClient.SseCapture stream = stranger.progress(jobId, Duration.ofSeconds(10));
        assertThat(stream.status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/files/audio/" + fileId).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/files/audio/" + jobId).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/files/" + fileId + "/info").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/job").data().toString()).doesNotContain(jobId);

        assertThat(owner.get("/api/v1/job/" + jobId).status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/files/audio/" + fileId).status()).isEqualTo(200);
    }

    @Test
    void noClientSuppliedPathReachesTheDisk() {
        ApiClient user = app.client().newUser();
        for (String probe :
                new String[] {"..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "audio%2F..%2Fvoxify.db", "..", "voxify.db"
                }) {
            ApiClient.Response r = user.get("/api/v1/files/audio/" + probe);
            assertThat(r.status()).as(probe).isIn(400, 404);
            assertThat(r.text()).as(probe).doesNotContain("root:").doesNotContain("SQLite");
        }
    }
}
