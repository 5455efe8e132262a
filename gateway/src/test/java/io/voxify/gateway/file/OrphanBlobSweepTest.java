package io.voxify.gateway.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The sweep of stored audio nothing refers to, against the running application and its blob directory: old
 * orphans go, whatever a job or sample refers to stays, young blobs and other folders are never touched,
 * and a sweep while a projection replays removes nothing that is referred to.
 */
class OrphanBlobSweepTest {
    private static final String SWEEP = "/api/v1/admin/storage/sweep";

    private final RunningApp app = RunningApp.shared();
    private final BlobStore blobs = app.bean(BlobStore.class);

    private static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    private Path file(String key) {
        return app.dataDir().resolve("blobs").resolve(key);
    }

    /** Makes a blob look stored two days ago. */
    private void age(String key) throws IOException {
        Files.setLastModifiedTime(file(key), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    }

    private String put(String key) throws IOException {
        blobs.put(key, new byte[] {1, 2, 3, 4}, "audio/wav");
        return key;
    }

    @Test
    void oldOrphansGoAndEverythingReferredToStays() throws Exception {
        ApiClient user = app.client().newUser();
        JsonNode job = user.awaitJob(
                user.createJob(Map.of("text_content", "Keep my audio."))
                        .get("id")
                        .asText(),
                j -> j.get("status").asText().equals("completed"),
                Duration.ofSeconds(60));
        String jobId = job.get("id").asText();
        String kept = "audio/" + jobId + "/" + job.get("file_id").asText() + ".wav";
        assertThat(blobs.exists(kept))
                .as("the job's audio is where the worker puts it")
                .isTrue();
        ApiClient.Response sample = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "Kept sample"),
                "kept.wav",
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav"));
        assertThat(sample.status()).as(sample.text()).isEqualTo(201);
        String sampleId = sample.data().get("id").asText();
        String keptSample;
        try (var files = Files.list(file("samples/" + user.userId()))) {
            keptSample = "samples/" + user.userId() + "/"
                    + files.findFirst().orElseThrow().getFileName();
        }

        String retried = put("audio/" + jobId + "/" + id("file") + ".wav"); // an attempt whose completion was lost
        String unknownJob = put("audio/" + id("job") + "/" + id("file") + ".wav");
        String unrecordedUpload = put("samples/" + user.userId() + "/" + id("vs") + ".wav");
        String young = put("audio/" + id("job") + "/" + id("file") + ".wav");
        String preview = put("previews/" + id("sweep") + "/" + id("file") + ".wav");
        String oddShape = put("audio/" + id("job") + "/deeper/" + id("file") + ".wav");
        for (String key : List.of(kept, keptSample, retried, unknownJob, unrecordedUpload, preview, oddShape)) {
            age(key);
        }

        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        assertThat(user.post(SWEEP, Map.of()).status())
                .as("administrators only")
                .isEqualTo(403);
        ApiClient.Response swept = admin.post(SWEEP, Map.of());
        assertThat(swept.status()).as(swept.text()).isEqualTo(200);
        JsonNode result = swept.data();
        assertThat(result.get("swept").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("deleted").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(result.get("deleted_bytes").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(result.get("too_young").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(result.get("unchecked").asInt()).as("the odd-shaped key").isGreaterThanOrEqualTo(1);

        assertThat(blobs.exists(retried)).isFalse();
        assertThat(blobs.exists(unknownJob)).isFalse();
        assertThat(blobs.exists(unrecordedUpload)).isFalse();
        assertThat(blobs.exists(kept)).as("a completed job's audio").isTrue();
        assertThat(blobs.exists(keptSample)).as("a sample's recording").isTrue();
        assertThat(blobs.exists(young)).as("younger than the minimum age").isTrue();
        assertThat(blobs.exists(preview)).as("another folder").isTrue();
        assertThat(blobs.exists(oddShape))
                .as("a shape the sweeper does not know")
                .isTrue();
        assertThat(user.get("/api/v1/files/audio/" + job.get("file_id").asText())
                        .status())
                .isEqualTo(200);
        assertThat(user.get("/api/v1/voice/samples/" + sampleId + "/audio").status())
                .isEqualTo(200);
    }

    @Test
    void aSweepDuringAReplayRemovesNothingReferredTo() throws Exception {
        ApiClient user = app.client().newUser();
        JsonNode job = user.awaitJob(
                user.createJob(Map.of("text_content", "Replayed, never swept."))
                        .get("id")
                        .asText(),
                j -> j.get("status").asText().equals("completed"),
                Duration.ofSeconds(60));
        String kept =
                "audio/" + job.get("id").asText() + "/" + job.get("file_id").asText() + ".wav";
        assertThat(blobs.exists(kept)).isTrue();
        age(kept);

        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        // The replay empties the jobs tables and refills them; the sweep runs alongside it.
        CompletableFuture<ApiClient.Response> sweep = CompletableFuture.supplyAsync(() -> admin.post(SWEEP, Map.of()));
        ApiClient.Response replay = admin.post("/api/v1/admin/projections/jobs/replay", Map.of());
        assertThat(replay.status()).as(replay.text()).isIn(202, 409);
        ApiClient.Response again = admin.post(SWEEP, Map.of());
        for (ApiClient.Response r : List.of(sweep.join(), again)) {
            assertThat(r.status()).as(r.text()).isIn(200, 409);
        }
        assertThat(blobs.exists(kept))
                .as("referred to by a job whose row the replay rebuilds")
                .isTrue();
        admin.await(
                "/api/v1/admin/projections/jobs",
                p -> p.get("status").asText().equals("running"),
                Duration.ofSeconds(60));
        assertThat(user.get("/api/v1/files/audio/" + job.get("file_id").asText())
                        .status())
                .isEqualTo(200);
    }
}
