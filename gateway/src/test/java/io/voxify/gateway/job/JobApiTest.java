package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobApiTest {
    private static final Duration DONE = Duration.ofSeconds(60);
    private final RunningApp app = RunningApp.shared();

    private static Map<String, Object> job(Object text, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("text_content", text);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        ApiClient user = app.client().newUser();
        ApiClient.Response r = user.post(
                "/api/v1/job",
                Map.of(
                        "text_content",
                        "Hello",
                        "speed",
                        3.5,
                        "pitch",
                        0.1,
                        "volume",
                        -1,
                        "output_format",
                        "ogg",
                        "sample_rate",
                        12345,
                        "config",
                        Map.of("emotion", "angry", "timestamp_granularity", "phoneme")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("VALIDATION_ERROR");
        JsonNode details = r.json().path("error").path("details");
        assertThat(details.fieldNames())
                .toIterable()
                .contains(
                        "speed",
                        "pitch",
                        "volume",
                        "output_format",
                        "sample_rate",
                        "config.emotion",
                        "config.timestamp_granularity");
    }

    @Test
    void textMustBePresentAndWithinTheLimit() {
        ApiClient user = app.client().newUser();
        assertThat(user.post("/api/v1/job", Map.of("voice_model_id", "default_voice_001"))
                        .errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(user.post("/api/v1/job", job("   ")).errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.post("/api/v1/job", job("a".repeat(10_001)))
                        .json()
                        .path("error")
                        .path("details")
                        .path("text_content")
                        .asText())
                .contains("10000");
        assertThat(user.post("/api/v1/job", job(42)).errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.post("/api/v1/job", job("ok", "speed", "fast"))
                        .json()
                        .path("error")
                        .path("details")
                        .has("speed"))
                .isTrue();
    }

    @Test
    void unknownVoiceIs404AndNoVoiceMeansTheDefault() {
        ApiClient user = app.client().newUser();
        ApiClient.Response unknown = user.post("/api/v1/job", job("Hello", "voice_model_id", "no_such_voice"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("VOICE_MODEL_NOT_FOUND");
        JsonNode created = user.createJob(job("Hello there."));
        assertThat(created.get("voice_model_id").asText()).isEqualTo("default_voice_001");
        assertThat(created.get("text_language").asText()).isEqualTo("en-US");
        assertThat(created.get("output_format").asText()).isEqualTo("wav");
        assertThat(created.get("sample_rate").asInt()).isEqualTo(22050);
    }

    @Test
    void requestedFormatRateAndTimestampsAreDelivered() {
        ApiClient user = app.client().newUser();
        String text = "The quick brown fox jumps over the lazy dog.";
        JsonNode created = user.createJob(job(
                text,
                "output_format",
                "flac",
                "sample_rate",
                16000,
                "config",
                Map.of("include_timestamps", true, "timestamp_granularity", "word")));
        JsonNode done = user.awaitJob(
                created.get("id").asText(), j -> j.get("status").asText().equals("completed"), DONE);
        assertThat(done.get("output_format").asText()).isEqualTo("flac");
        JsonNode timestamps = done.get("timestamps");
        assertThat(timestamps.size()).isEqualTo(9);
        assertThat(timestamps.get(0).get("text").asText()).isEqualTo("The");
        double last = 0;
        for (JsonNode t : timestamps) {
            assertThat(t.get("start").asDouble()).isGreaterThanOrEqualTo(last - 1e-6);
            assertThat(t.get("end").asDouble()).isGreaterThan(t.get("start").asDouble());
            last = t.get("end").asDouble();
        }
        assertThat(last).isLessThanOrEqualTo(done.get("duration").asDouble() + 0.01);
        ApiClient.Response info =
                user.get("/api/v1/files/" + done.get("file_id").asText() + "/info");
        assertThat(info.data().get("format").asText()).isEqualTo("flac");
        assertThat(info.data().get("sample_rate").asInt()).isEqualTo(16000);
        ApiClient.Response audio = user.get(done.get("output_file_path").asText());
        assertThat(audio.header("Content-Type")).isEqualTo("audio/flac");
        assertThat(new String(audio.body(), 0, 4)).isEqualTo("fLaC");
    }

    @Test
    void listingFiltersSortsAndPages() {
        ApiClient user = app.client().newUser();
        List<String> ids = new ArrayList<>();
        ids.add(user.createJob(job("Alpha 100% sure_thing.", "speed", 1.0))
                .get("id")
                .asText());
        ids.add(user.createJob(job("Beta is a longer text that goes on for more than one hundred characters, "
                        + "so that it can be cut short when the list asks for short texts."))
                .get("id")
                .asText());
        ids.add(user.createJob(job("Gamma.")).get("id").asText());
        for (String id : ids) {
            user.awaitJob(id, j -> j.get("status").asText().equals("completed"), DONE);
        }

        JsonNode all = user.get("/api/v1/job?sort_by=created_at&sort_order=asc").json();
        assertThat(all.path("meta").path("pagination").path("total_count").asInt())
                .isEqualTo(3);
        assertThat(all.get("data").get(0).get("id").asText()).isEqualTo(ids.get(0));

        JsonNode page = user.get("/api/v1/job?limit=2&offset=0&sort_by=text_length&sort_order=desc")
                .json();
        assertThat(page.get("data").size()).isEqualTo(2);
        assertThat(page.get("data").get(0).get("id").asText()).isEqualTo(ids.get(1));
        assertThat(page.path("meta").path("pagination").path("has_more").asBoolean())
                .isTrue();
        assertThat(page.path("meta").path("pagination").path("total_pages").asInt())
                .isEqualTo(2);

        JsonNode paged = user.get("/api/v1/job?page=2&page_size=2&sort_by=created_at&sort_order=asc")
                .json();
        assertThat(paged.get("data").size()).isEqualTo(1);
        assertThat(paged.path("meta").path("pagination").path("has_prev").asBoolean())
                .isTrue();
        assertThat(paged.path("meta").path("pagination").path("has_next").asBoolean())
                .isFalse();

        JsonNode search = user.get("/api/v1/job?text_search=100%25%20SURE_").json();
        assertThat(search.get("data").size()).isEqualTo(1);
        assertThat(search.get("data").get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(user.get("/api/v1/job?text_search=%25").json().get("data").size())
                .isEqualTo(1);

        JsonNode shortText = user.get("/api/v1/job?include_text=false&sort_by=text_length&sort_order=desc")
                .json();
        assertThat(shortText.get("data").get(0).get("text_content").asText().length())
                .isLessThanOrEqualTo(101);

        assertThat(user.get("/api/v1/job?status=completed,failed")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(3);
        assertThat(user.get("/api/v1/job?status=failed").json().get("data").size())
                .isZero();
        assertThat(user.get("/api/v1/job?created_after=2999-01-01")
                        .json()
                        .get("data")
                        .size())
                .isZero();

        assertThat(user.get("/api/v1/job?sort_by=text_content").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/job?status=done").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/job?limit=0").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/job?limit=101").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/job?created_after=yesterday").errorCode()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void onlyAdministratorsListOtherUsersJobs() {
        ApiClient owner = app.client().newUser();
        String ownerId = owner.userId();
        String jobId = owner.createJob(job("Owned text.")).get("id").asText();
        ApiClient other = app.client().newUser();
        assertThat(other.get("/api/v1/job?user_id=" + ownerId).status()).isEqualTo(403);
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        JsonNode listed = admin.get("/api/v1/job?user_id=" + ownerId).data();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(jobId);
        assertThat(admin.get("/api/v1/job/" + jobId).status()).isEqualTo(200);
    }

    /**
     * With one worker busy on a long text, a second job stays pending: it can be updated and
     * cancelled; the running one can be neither updated nor deleted, but can be cancelled.
     */
    @Test
    void pendingJobsChangeAndProcessingJobsRefuse() {
        ApiClient user = app.client().newUser();
        String longText = "This sentence keeps the only worker busy for a while. ".repeat(180);
        String busy = user.createJob(job(longText, "speed", 0.5, "output_format", "mp3"))
                .get("id")
                .asText();
        user.awaitJob(busy, j -> j.get("status").asText().equals("processing"), DONE);
        String waiting = user.createJob(job("Wait for me.")).get("id").asText();

        ApiClient.Response updated = user.put(
                "/api/v1/job/" + waiting,
                Map.of(
                        "text_content",
                        "Updated text.",
                        "speed",
                        1.5,
                        "output_format",
                        "mp3",
                        "config",
                        Map.of("emotion", "happy")));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.data().get("text_content").asText()).isEqualTo("Updated text.");
        assertThat(updated.data().get("speed").asDouble()).isEqualTo(1.5);
        assertThat(updated.data().get("output_format").asText()).isEqualTo("mp3");
        assertThat(updated.data().get("config").get("emotion").asText()).isEqualTo("happy");
        assertThat(user.put("/api/v1/job/" + waiting, Map.of("speed", 9)).errorCode())
                .isEqualTo("VALIDATION_ERROR");

        ApiClient.Response busyUpdate = user.put("/api/v1/job/" + busy, Map.of("text_content", "Too late."));
        assertThat(busyUpdate.status()).isEqualTo(409);
        assertThat(busyUpdate.errorCode()).isEqualTo("JOB_NOT_UPDATABLE");
        ApiClient.Response busyDelete = user.delete("/api/v1/job/" + busy);
        assertThat(busyDelete.status()).isEqualTo(409);
        assertThat(busyDelete.errorCode()).isEqualTo("JOB_NOT_DELETABLE");
        ApiClient.Response progressByOwner = user.patch("/api/v1/job/" + busy, Map.of("progress", 50));
        assertThat(progressByOwner.status()).isEqualTo(403);

        ApiClient.Response cancelledWaiting = user.patch("/api/v1/job/" + waiting, Map.of("status", "cancelled"));
        assertThat(cancelledWaiting.status()).isEqualTo(200);
        assertThat(cancelledWaiting.data().get("status").asText()).isEqualTo("cancelled");
        ApiClient.Response cancelledBusy = user.patch("/api/v1/job/" + busy, Map.of("status", "cancelled"));
        assertThat(cancelledBusy.status()).as(cancelledBusy.text()).isEqualTo(200);
        assertThat(cancelledBusy.data().get("status").asText()).isEqualTo("cancelled");

        ApiClient.Response again = user.patch("/api/v1/job/" + busy, Map.of("status", "cancelled"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(user.put("/api/v1/job/" + waiting, Map.of("text_content", "x"))
                        .errorCode())
                .isEqualTo("JOB_NOT_UPDATABLE");

        ApiClient.SseCapture ended = user.progress(busy, Duration.ofSeconds(10));
        assertThat(ended.last().get("event").asText()).isEqualTo("cancelled");
        // The cancelled attempt never turns into a completed job, whatever the worker was doing.
        ApiClient.sleep(500);
        assertThat(user.get("/api/v1/job/" + busy).data().get("status").asText())
                .isEqualTo("cancelled");
        assertThat(user.get("/api/v1/job/" + busy)
                        .data()
                        .get("output_file_path")
                        .isNull())
                .isTrue();
    }

    @Test
    void administratorsMoveJobsThroughLegalTransitionsOnly() {
        ApiClient user = app.client().newUser();
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        String done = user.createJob(job("Finish me.")).get("id").asText();
        user.awaitJob(done, j -> j.get("status").asText().equals("completed"), DONE);
        ApiClient.Response illegal = admin.patch("/api/v1/job/" + done, Map.of("status", "failed"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.errorCode()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(admin.patch("/api/v1/job/" + done, Map.of("status", "pending"))
                        .errorCode())
                .isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(admin.patch("/api/v1/job/" + done, Map.of("status", "processing"))
                        .errorCode())
                .as("only a worker starts an attempt")
                .isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(admin.patch("/api/v1/job/" + done, Map.of("output_file_path", "/etc/passwd"))
                        .status())
                .isEqualTo(400);
        assertThat(user.patch("/api/v1/job/" + done, Map.of("status", "failed")).status())
                .isEqualTo(403);
    }

    @Test
    void deletingAJobRemovesItsAudio() {
        ApiClient user = app.client().newUser();
        String id = user.createJob(job("Delete me after.")).get("id").asText();
        JsonNode done = user.awaitJob(id, j -> j.get("status").asText().equals("completed"), DONE);
        String fileId = done.get("file_id").asText();
        assertThat(user.get("/api/v1/files/audio/" + fileId).status()).isEqualTo(200);
        ApiClient.Response deleted = user.delete("/api/v1/job/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(user.get("/api/v1/job/" + id).status()).isEqualTo(404);
        assertThat(user.get("/api/v1/files/audio/" + fileId).status()).isEqualTo(404);
        assertThat(user.get("/api/v1/files/audio/" + id).status()).isEqualTo(404);
        assertThat(user.delete("/api/v1/job/" + id).status()).isEqualTo(404);
        try (var files = java.nio.file.Files.walk(app.dataDir().resolve("blobs"))) {
            assertThat(files.map(Object::toString)
                            .filter(p -> p.contains(fileId))
                            .toList())
                    .isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aProgressStreamOpenedAfterTheEndGetsTheFinalStateAtOnce() {
        ApiClient user = app.client().newUser();
        String id = user.createJob(job("Short.")).get("id").asText();
        user.awaitJob(id, j -> j.get("status").asText().equals("completed"), DONE);
        ApiClient.SseCapture stream = user.progress(id, Duration.ofSeconds(10));
        assertThat(stream.events()).hasSize(2);
        assertThat(stream.events().get(0).get("status").asText()).isEqualTo("completed");
        assertThat(stream.events().get(0).get("output_file_path").asText()).startsWith("/api/v1/files/audio/");
        assertThat(stream.last().get("event").asText()).isEqualTo("complete");
    }
}
