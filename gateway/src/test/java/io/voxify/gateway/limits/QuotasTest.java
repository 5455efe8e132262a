package io.voxify.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily quotas of sample processing, clones and training, each crossed over HTTP: past the
 * limit a user gets 429 with the envelope and Retry-After (an upload past the processing quota is
 * kept, unprocessed, and says why), another user goes on, and an administrator's change applies at once.
 */
class QuotasTest {
    private static final String CONFIG = "/api/v1/admin/config";
    private static final Duration SLOW = Duration.ofMinutes(3);
    private static RunningApp app;
    private static ApiClient admin;
    /** Two users who have each processed one sample and built one clone from it today. */
    private static ApiClient first;

    private static ApiClient second;
    private static String firstSample;
    private static String firstClone;
    private static String secondSample;
    private static String secondClone;
    private Map<String, Object> original;

    @BeforeAll
    static void twoUsersWithAReadyClone() {
        app = RunningApp.shared();
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        first = app.client().newUser();
        second = app.client().newUser();
        firstSample = processed(first, "sense_and_sensibility_01_austen_64kb-0890.wav");
        secondSample = processed(second, "sense_and_sensibility_01_austen_64kb-0890.wav");
        firstClone = ready(first, firstSample);
        secondClone = ready(second, secondSample);
    }

    private static ApiClient.Response upload(ApiClient user, String recording) {
        ApiClient.Response r = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "Reading"),
                "r.wav",
                SampleUploadTest.humanRecording(recording));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r;
    }

    private static String processed(ApiClient user, String recording) {
        ApiClient.Response started = upload(user, recording);
        assertThat(started.data().at("/processing/started").asBoolean())
                .as(started.text())
                .isTrue();
        String sampleId = started.data().get("id").asText();
        JsonNode sample = awaitProcessed(user, sampleId);
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        return sampleId;
    }

    private static JsonNode awaitProcessed(ApiClient user, String sampleId) {
        return user.await(
                "/api/v1/voice/samples/" + sampleId,
                s -> !s.get("status").asText().equals("processing"),
                SLOW);
    }

    private static String ready(ApiClient user, String sampleId) {
        ApiClient.Response created = createClone(user, sampleId);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String cloneId = created.data().get("clone_id").asText();
        JsonNode clone = user.await(
                "/api/v1/voice/clones/" + cloneId,
                c -> List.of("ready", "failed").contains(c.get("status").asText()),
                SLOW);
        assertThat(clone.get("status").asText()).as(clone.toString()).isEqualTo("ready");
        return cloneId;
    }

    private static ApiClient.Response createClone(ApiClient user, String sampleId) {
        return user.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "Me"));
    }

    private static ApiClient.Response train(ApiClient user, String sampleId, String cloneId) {
        return user.post(
                "/api/v1/voice/samples/" + sampleId + "/train",
                Map.of("clone_id", cloneId, "config", Map.of("epochs", 1, "batch_size", 1)));
    }

    private static ApiClient.Response process(ApiClient user, String sampleId) {
        return user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of());
    }

    private static ApiClient.Response reprocess(ApiClient user, String sampleId) {
        return user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of("force", true));
    }

    @BeforeEach
    void rememberTheConfiguration() {
        JsonNode config = admin.get(CONFIG).data();
        original = new HashMap<>();
        config.fields().forEachRemaining(f -> {
            if (!List.of("version", "updated_at", "updated_by").contains(f.getKey())) {
                original.put(f.getKey(), ApiClient.JSON.convertValue(f.getValue(), Object.class));
            }
        });
    }

    @AfterEach
    void restoreIt() {
        ApiClient.Response restored = admin.put(CONFIG, original);
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
    }

    private static void configure(Map<String, Object> change) {
        ApiClient.Response r = admin.put(CONFIG, change);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** The refusal every quota answers with once it is used up. */
    private static void assertQuotaExceeded(ApiClient.Response r, String quota, int limit) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        JsonNode json = r.json();
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(r.errorCode()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(json.get("error").get("message").asText()).contains(quota).contains(String.valueOf(limit));
        JsonNode details = json.get("error").get("details");
        assertThat(details.get("quota").asText()).isEqualTo(quota);
        assertThat(details.get("limit").asInt()).isEqualTo(limit);
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 86_400L);
        assertThat(details.get("resets_in_seconds").asLong()).isBetween(retryAfter - 5, retryAfter + 5);
    }

    @Test
    void theApiDocumentationListsTheQuotaRefusals() {
        JsonNode paths = app.client().get("/v3/api-docs").json().get("paths");
        for (String path : List.of(
                "/api/v1/voice/samples/{sampleId}/process",
                "/api/v1/voice/clones",
                "/api/v1/voice/samples/{sampleId}/train")) {
            List<String> codes = new ArrayList<>();
            paths.path(path).path("post").path("x-error-codes").forEach(c -> codes.add(c.asText()));
            assertThat(codes).as(path).contains("QUOTA_EXCEEDED");
        }
    }

    @Test
    void sampleProcessingPastTheDailyQuotaIsRefusedForThatUserOnly() {
        configure(Map.of("sample_processings_per_day", 1));
        assertQuotaExceeded(reprocess(first, firstSample), "sample_processings", 1);
        ApiClient.Response kept = process(first, firstSample);
        assertThat(kept.status())
                .as("a sample with its verdict is answered, whatever the quota: " + kept.text())
                .isEqualTo(200);
        assertThat(kept.data().get("status").asText()).isEqualTo("processed");

        ApiClient.Response past = upload(first, "sense_and_sensibility_01_austen_64kb-0880.wav");
        String another = past.data().get("id").asText();
        assertThat(past.data().get("status").asText())
                .as("kept, not processed: " + past.text())
                .isEqualTo("uploaded");
        assertThat(past.data().get("processing_job_id").isNull()).isTrue();
        assertThat(past.data().at("/processing/started").asBoolean()).isFalse();
        assertThat(past.data().at("/processing/error/code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(past.data().at("/processing/error/details/quota").asText()).isEqualTo("sample_processings");
        assertThat(past.json().get("message").asText()).contains("processing not started");
        assertQuotaExceeded(process(first, another), "sample_processings", 1);
        assertThat(first.get("/api/v1/voice/samples/" + another)
                        .data()
                        .get("status")
                        .asText())
                .as("nothing started")
                .isEqualTo("uploaded");

        ApiClient third = app.client().newUser();
        ApiClient.Response theirs = upload(third, "sense_and_sensibility_01_austen_64kb-0880.wav");
        assertThat(theirs.data().at("/processing/started").asBoolean())
                .as("another user has a count of their own")
                .isTrue();

        configure(Map.of("sample_processings_per_day", 2));
        ApiClient.Response raised = process(first, another);
        assertThat(raised.status())
                .as("a raised quota applies at once: " + raised.text())
                .isEqualTo(202);
        assertThat(raised.data().at("/processing/started").asBoolean()).isTrue();
        assertThat(awaitProcessed(first, another).get("status").asText())
                .as("a verdict (this clip is short)")
                .isIn("processed", "rejected");
    }

    @Test
    void aProcessingRunTheSampleRefusesGivesItsUseBack() {
        ApiClient user = app.client().newUser();
        String inUse = processed(user, "sense_and_sensibility_01_austen_64kb-0930.wav");
        // A clone being built holds its samples: fitting one takes seconds, far longer than this test's requests.
        assertThat(createClone(user, inUse).status()).isEqualTo(201);
        configure(Map.of("sample_processings_per_day", 2));
        ApiClient.Response refused = reprocess(user, inUse);
        assertThat(refused.errorCode()).as(refused.text()).isEqualTo("SAMPLE_IN_USE");

        ApiClient.Response second = upload(user, "sense_and_sensibility_01_austen_64kb-0880.wav");
        assertThat(second.data().at("/processing/started").asBoolean())
                .as("the refused run did not count: " + second.text())
                .isTrue();
        ApiClient.Response third = upload(user, "sense_and_sensibility_01_austen_64kb-0920.wav");
        assertThat(third.data().at("/processing/error/code").asText())
                .as(third.text())
                .isEqualTo("QUOTA_EXCEEDED");
    }

    @Test
    void clonesPastTheDailyQuotaAreRefusedForThatUserOnly() {
        configure(Map.of("clones_per_day", 2));
        assertThat(createClone(first, firstSample).status()).isEqualTo(201);
        assertQuotaExceeded(createClone(first, firstSample), "clones", 2);
        assertThat(createClone(second, secondSample).status())
                .as("another user has a count of their own")
                .isEqualTo(201);

        configure(Map.of("clones_per_day", 3));
        assertThat(createClone(first, "vs_nosuchsample").status()).isEqualTo(404);
        ApiClient.Response raised = createClone(first, firstSample);
        assertThat(raised.status())
                .as("a raised quota applies at once, and a refused request cost nothing: " + raised.text())
                .isEqualTo(201);
        assertQuotaExceeded(createClone(first, firstSample), "clones", 3);
    }

    @Test
    void trainingPastTheDailyQuotaIsRefusedForThatUserOnly() {
        configure(Map.of("trainings_per_day", 1));
        ApiClient.Response started = train(first, firstSample, firstClone);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertQuotaExceeded(train(first, firstSample, firstClone), "trainings", 1);
        ApiClient.Response theirs = train(second, secondSample, secondClone);
        assertThat(theirs.status())
                .as("another user has a count of their own: " + theirs.text())
                .isEqualTo(202);

        configure(Map.of("trainings_per_day", 0));
        assertQuotaExceeded(train(second, secondSample, secondClone), "trainings", 0);
        configure(Map.of("trainings_per_day", 2));
        ApiClient.Response raised = train(first, firstSample, firstClone);
        assertThat(raised.status())
                .as("a raised quota applies at once: " + raised.text())
                .isEqualTo(202);
    }
}
