package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/auth/export} over HTTP, on an application of its own whose lists are capped small (three items,
 * forty audit events) so that a cut list is cheap to reach: what the export holds, that it holds nobody else's data,
 * that a capped list says it was cut, and that a fourth export within the hour is refused.
 */
class DataExportTest {
    private static final String EXPORT = "/api/v1/auth/export";
    private static final String VOICE = "default_voice_001";
    private static RunningApp app;
    private static ApiClient owner;
    private static String ownerId;
    private static String jobId;
    private static String sampleId;
    private static ApiClient stranger;
    private static String strangerId;
    private static String strangerJobId;
    private static final String OWNER_TEXT = "Owner's words " + UUID.randomUUID();
    private static final String STRANGER_TEXT = "Stranger's words " + UUID.randomUUID();

    @BeforeAll
    static void twoPeopleWithTheirOwnData() {
        app = RunningApp.start(
                RunningApp.tempDir("voxify-export-"),
                Map.of("voxify.export.max-items", 3, "voxify.export.max-audit-events", 40));
        owner = app.client().newUser();
        ownerId = owner.userId();
        stranger = app.client().newUser();
        strangerId = stranger.userId();

        jobId = owner.createJob(Map.of("text_content", OWNER_TEXT, "voice_model_id", VOICE))
                .get("id")
                .asText();
        strangerJobId = stranger.createJob(Map.of("text_content", STRANGER_TEXT, "voice_model_id", VOICE))
                .get("id")
                .asText();
        assertThat(owner.post("/api/v1/voice/models/" + VOICE + "/favorite", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(owner.put("/api/v1/voice/models/" + VOICE + "/rating", Map.of("rating", 4))
                        .status())
                .isEqualTo(200);
        assertThat(stranger.put("/api/v1/voice/models/" + VOICE + "/rating", Map.of("rating", 1))
                        .status())
                .isEqualTo(200);
        ApiClient.Response uploaded = owner.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "My reading", "description", "A quiet room"),
                "reading.wav",
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        sampleId = uploaded.data().get("id").asText();
        owner.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(90));
        stranger.awaitJob(strangerJobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static ApiClient.Response export(ApiClient client) {
        ApiClient.Response r = client.get(EXPORT);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    /**
     * The export is written to a file before it is sent, in a directory of the node's data directory that only the
     * application's user may read; once the answer is complete the file is gone ({@link ExportFilesTest} has the
     * failed and interrupted exports).
     */
    @Test
    void anExportLeavesNoFileBehind() throws IOException {
        ApiClient someone = app.client().newUser();
        assertThat(export(someone).text()).contains(someone.userId());
        Path directory = app.dataDir().resolve(ExportFiles.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theExportHoldsTheProfileListsAndHistoryOfItsOwnerWithLinksToTheirAudio() {
        ApiClient.Response r = export(owner);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"voxify-export-" + LocalDate.now(ZoneOffset.UTC) + ".json\"");
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode body = r.json();
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("success", "data", "message", "timestamp");
        assertThat(body.get("success").asBoolean()).isTrue();

        JsonNode data = r.data();
        assertThat(data.get("format_version").asInt()).isEqualTo(1);
        assertThat(Instant.parse(data.get("generated_at").asText())).isBefore(Instant.now());
        assertThat(data.get("user_id").asText()).isEqualTo(ownerId);
        assertThat(data.get("limits").toString()).isEqualTo("{\"max_items\":3,\"max_audit_events\":40}");
        assertThat(data.get("profile"))
                .isEqualTo(owner.get("/api/v1/auth/profile").data());
        assertThat(data.get("webhook_secret").toString()).isEqualTo("{\"generation\":0,\"rotated_at\":null}");

        assertThat(data.at("/favorites/items").toString()).isEqualTo("[\"" + VOICE + "\"]");
        assertThat(data.at("/ratings/items").toString())
                .isEqualTo("[{\"voice_model_id\":\"" + VOICE + "\",\"rating\":4}]");

        JsonNode jobs = data.get("jobs");
        assertThat(jobs.get("count").asInt()).isEqualTo(1);
        assertThat(jobs.get("truncated").asBoolean()).isFalse();
        JsonNode job = jobs.at("/items/0/job");
        assertThat(job.get("id").asText()).isEqualTo(jobId);
        assertThat(job.get("text_content").asText()).isEqualTo(OWNER_TEXT);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("output_format").asText()).isEqualTo("wav");
        assertThat(job.at("/config/speed").asDouble()).isEqualTo(1.0);
        assertThat(job.get("created_at").asText()).isNotEmpty();
        JsonNode jobAudio = jobs.at("/items/0/audio");
        assertThat(jobAudio.get("url").asText())
                .startsWith("/api/v1/files/audio/" + job.get("file_id").asText() + "/signed?");
        ApiClient.Response audio = app.client().get(jobAudio.get("url").asText());
        assertThat(audio.status()).as("the link works without the token").isEqualTo(200);
        assertThat(audio.header("Content-Type")).startsWith("audio/");

        JsonNode samples = data.get("samples");
        assertThat(samples.get("count").asInt()).isEqualTo(1);
        JsonNode sample = samples.at("/items/0/sample");
        assertThat(sample.get("id").asText()).isEqualTo(sampleId);
        assertThat(sample.get("name").asText()).isEqualTo("My reading");
        assertThat(sample.get("description").asText()).isEqualTo("A quiet room");
        assertThat(sample.get("duration").asDouble()).isPositive();
        String sampleLink = samples.at("/items/0/audio/url").asText();
        assertThat(sampleLink).startsWith("/api/v1/voice/samples/" + sampleId + "/audio/signed?");
        assertThat(app.client().get(sampleLink).status()).isEqualTo(200);

        assertThat(data.at("/clones/items")).isEmpty();
        assertThat(data.at("/training_jobs/items")).isEmpty();

        JsonNode history = data.get("audit_events");
        List<String> aggregates = new ArrayList<>();
        history.get("items").forEach(e -> aggregates.add(e.get("aggregate_id").asText()));
        assertThat(aggregates).contains(ownerId, jobId, sampleId).doesNotContain(strangerId, strangerJobId);
        assertThat(history.at("/items/0/type").asText()).isEqualTo("UserRegisteredEvent");
        assertThat(history.at("/items/0/payload/password_hash").asText()).isEqualTo("[redacted]");
        assertThat(r.text()).doesNotContain("$2a$", "$2b$", "whsec_");
    }

    @Test
    void nothingOfAnotherPersonAppearsInAnExport() {
        String ownerExport = export(owner).text();
        assertThat(ownerExport).doesNotContain(strangerId, strangerJobId, STRANGER_TEXT);
        String strangerExport = export(stranger).text();
        assertThat(strangerExport).contains(strangerJobId, STRANGER_TEXT);
        assertThat(strangerExport).doesNotContain(ownerId, jobId, sampleId, OWNER_TEXT);
        assertThat(stranger.get(EXPORT).data().at("/ratings/items/0/rating").asInt())
                .as("the stranger's own rating of the same voice")
                .isEqualTo(1);
    }

    @Test
    void aListPastItsCapIsCutThereAndSaysSo() {
        ApiClient busy = app.client().newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(busy.createJob(Map.of("text_content", "Job number " + i, "voice_model_id", VOICE))
                    .get("id")
                    .asText());
        }
        // Each rating is an event in the person's history: more of them than its cap of forty.
        for (int i = 0; i < 45; i++) {
            ApiClient.Response rated =
                    busy.put("/api/v1/voice/models/" + VOICE + "/rating", Map.of("rating", 1 + i % 5));
            assertThat(rated.status()).as(rated.text()).isEqualTo(200);
        }
        JsonNode data = export(busy).data();
        JsonNode jobs = data.get("jobs");
        assertThat(jobs.get("truncated").asBoolean()).isTrue();
        assertThat(jobs.get("count").asInt()).isEqualTo(3);
        List<String> exported = new ArrayList<>();
        jobs.get("items").forEach(j -> exported.add(j.at("/job/id").asText()));
        assertThat(exported).as("oldest first").containsExactlyElementsOf(created.subList(0, 3));
        assertThat(data.at("/samples/truncated").asBoolean()).isFalse();

        JsonNode history = data.get("audit_events");
        assertThat(history.get("truncated").asBoolean())
                .as("forty-odd events are more than forty")
                .isTrue();
        assertThat(history.get("count").asInt()).isEqualTo(40);
        assertThat(history.get("items")).hasSize(40);
    }

    @Test
    void aFourthExportWithinTheHourIsRefusedWithWhenToComeBack() {
        ApiClient eager = app.client().newUser();
        for (int i = 0; i < 3; i++) {
            export(eager);
        }
        ApiClient.Response refused = eager.get(EXPORT);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.json().at("/error/message").asText()).startsWith("Too many exports: at most 3 per hour");
        assertThat(refused.json().at("/error/details/limit").asInt()).isEqualTo(3);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(refused.json().at("/error/details/retry_after_seconds").asLong())
                .isEqualTo(retryAfter);
        assertThat(refused.header("Content-Disposition")).isNull();

        ApiClient other = app.client().newUser();
        assertThat(other.get(EXPORT).status()).as("the limit is each person's").isEqualTo(200);
    }

    @Test
    void onlyASignedInPersonGetsAnExport() {
        ApiClient.Response anonymous = app.client().get(EXPORT);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void theApiDocumentDescribesTheExportAndItsRefusals() {
        JsonNode operation = app.client().get("/v3/api-docs").json().at("/paths/~1api~1v1~1auth~1export/get");
        assertThat(operation.isMissingNode()).isFalse();
        assertThat(operation
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/DataExportEnvelope");
        assertThat(operation.at("/responses/429").isMissingNode())
                .as(operation.toString())
                .isFalse();
        assertThat(operation.at("/responses/401").isMissingNode()).isFalse();
    }
}
