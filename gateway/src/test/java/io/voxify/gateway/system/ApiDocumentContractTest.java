package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The user's contract, {@code voxify-api-spec.md}, run as written: both workflows step by step and every
 * endpoint example, with the document's own request bodies (copied verbatim below), each documented response
 * field asserted by name and JSON type. Where an example names something that cannot exist, the test says what
 * it uses instead:
 * <ul>
 * <li>{@code vm_456} (a voice model id) is {@code default_voice_001}, the platform's default preset;</li>
 * <li>{@code job_1234567890}, {@code vs_1234567890}, {@code vc_1234567890}, {@code job_2345678901} are the ids the
 * previous steps answered;</li>
 * <li>{@code voice_sample.wav} is a LibriVox recording from Debian's pocketsphinx-testdata;</li>
 * <li>both workflows register {@code user@example.com}: each runs on a server of its own, as two readers trying
 * the document would.</li>
 * </ul>
 * Where the document disagrees with itself or with the platform's safer behaviour, the difference is listed in
 * {@link #DIFFERENCES} and in README's API section, and asserted as the platform's behaviour.
 */
class ApiDocumentContractTest {
    private static final Duration SLOW = Duration.ofMinutes(3);

    /**
     * Fields whose documented type the platform deliberately does not follow, by example and field name:
     * <ul>
     * <li>the create answer shows {@code config} as a JSON string while the list shows it as an object: the
     * platform always answers the object;</li>
     * <li>a preset's {@code quality_score} is {@code null}: nothing measures a preset's quality (a clone's score
     * is measured against its speaker, see README), and the platform shows no invented figure.</li>
     * </ul>
     */
    static final Set<String> DIFFERENCES =
            Set.of("create-job:config", "list-models:quality_score", "model-details:quality_score");

    // --- The document's examples, verbatim ---------------------------------------------------------------------

    private static final String REGISTER_JOHN = """
            {"email": "user@example.com", "password": "SecurePass123!", "first_name": "John", "last_name": "Doe"}""";
    private static final String REGISTER_JANE = """
            {"email": "user@example.com", "password": "SecurePass123!", "first_name": "Jane", "last_name": "Smith"}""";
    private static final String LOGIN = """
            {"email": "user@example.com", "password": "SecurePass123!"}""";
    private static final String WORKFLOW_1_JOB = """
            {
                "text_content": "Hello world, this uses the default voice model!",
                "voice_model_id": "default_voice_001",
                "output_format": "wav",
                "speed": 1.0,
                "pitch": 1.0,
                "volume": 1.0
              }""";
    private static final String CREATE_JOB = """
            {
                "text_content": "Hello world, this is a test synthesis job.",
                "voice_model_id": "vm_456",
                "text_language": "en-US",
                "output_format": "wav",
                "sample_rate": 22050,
                "speed": 1.2,
                "pitch": 1.0,
                "volume": 1.0,
                "config": {
                    "include_timestamps": true,
                    "timestamp_granularity": "word"
                }
            }""".replace("vm_456", "default_voice_001");
    private static final String CREATE_JOB_ANSWER = """
            {
                "success": true,
                "data": {
                    "id": "job_1234567890",
                    "user_id": "user_123",
                    "voice_model_id": "vm_456",
                    "text_content": "Hello world, this is a test synthesis job.",
                    "text_hash": "a1b2c3d4e5f6...",
                    "text_language": "en-US",
                    "text_length": 43,
                    "word_count": 8,
                    "status": "pending",
                    "progress": 0.0,
                    "config": "{\\"include_timestamps\\": true, \\"timestamp_granularity\\": \\"word\\"}",
                    "output_format": "wav",
                    "sample_rate": 22050,
                    "speed": 1.2,
                    "pitch": 1.0,
                    "volume": 1.0,
                    "created_at": "2024-01-15T10:30:00Z",
                    "updated_at": "2024-01-15T10:30:00Z"
                },
                "message": "Synthesis job created successfully",
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    private static final String LIST_JOBS =
            "/api/v1/job?status=completed&limit=10&offset=0&sort_by=created_at" + "&sort_order=desc&include_text=false";
    private static final String LIST_JOBS_ANSWER = """
            {
                "success": true,
                "data": [
                    {
                        "id": "job_1234567890",
                        "user_id": "user_123",
                        "voice_model_id": "vm_456",
                        "text_content": "Hello world...",
                        "text_hash": "a1b2c3d4...",
                        "text_language": "en-US",
                        "text_length": 123,
                        "word_count": 20,
                        "status": "completed",
                        "progress": 100.0,
                        "config": {
                            "speed": 1.0,
                            "pitch": 1.0,
                            "volume": 1.0
                        },
                        "output_format": "wav",
                        "sample_rate": 22050,
                        "output_file_path": "/audio/job_1234567890.wav",
                        "duration": 5.2,
                        "created_at": "2024-01-15T10:30:00Z",
                        "updated_at": "2024-01-15T10:35:00Z"
                    }
                ],
                "meta": {
                    "pagination": {
                        "total_count": 45,
                        "limit": 10,
                        "offset": 0,
                        "has_more": true
                    }
                },
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    private static final String UPDATE_JOB = """
            {
                "speed": 1.5,
                "pitch": 1.1,
                "volume": 0.9,
                "output_format": "mp3",
                "sample_rate": 44100
            }""";
    private static final String DELETE_JOB_ANSWER = """
            {
                "success": true,
                "message": "Job deleted successfully",
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    private static final String LIST_MODELS =
            "/api/v1/voice/models?tags=female,gentle&language=zh-CN&type=preset" + "&limit=10&offset=0";
    private static final String LIST_MODELS_ANSWER = """
            {
                "success": true,
                "data": [
                    {
                        "voice_model_id": "preset_gentle_female_001",
                        "name": "Gentle Female Voice",
                        "type": "preset",
                        "tags": ["female", "gentle", "sweet", "young"],
                        "language": "zh-CN",
                        "description": "A soft and warm female voice suitable for storytelling and meditation",
                        "sample_audio_url": "/api/v1/files/audio/samples/gentle_female.wav",
                        "preview_text": "Hello, this is a preview of the gentle female voice.",
                        "quality_score": 0.95,
                        "usage_count": 1250,
                        "is_favorite": false,
                        "created_at": "2024-01-01T00:00:00Z"
                    }
                ],
                "meta": {
                    "pagination": {
                        "total_count": 45,
                        "limit": 10,
                        "offset": 0,
                        "has_more": true
                    },
                    "filters": {
                        "available_tags": ["female", "male", "gentle", "energetic", "mature", "young"],
                        "available_languages": ["zh-CN", "en-US", "ja-JP", "ko-KR"],
                        "available_types": ["preset", "custom"]
                    }
                },
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    /** The custom entry of the same example: a clone in the library. */
    private static final String CUSTOM_MODEL = """
            {
                "voice_model_id": "custom_user123_clone",
                "name": "My Personal Voice",
                "type": "custom",
                "tags": ["personal", "custom"],
                "language": "en-US",
                "description": "Personal voice clone created from user samples",
                "owner_id": "user123",
                "clone_id": "vc_456",
                "quality_score": 0.88,
                "usage_count": 25,
                "is_favorite": true,
                "created_at": "2024-01-15T10:30:00Z"
            }""";

    private static final String MODEL_DETAILS_ANSWER = """
            {
                "success": true,
                "data": {
                    "voice_model_id": "preset_gentle_female_001",
                    "name": "Gentle Female Voice",
                    "type": "preset",
                    "tags": ["female", "gentle", "sweet", "young"],
                    "language": "zh-CN",
                    "description": "A soft and warm female voice suitable for storytelling and meditation",
                    "sample_audio_url": "/api/v1/files/audio/samples/gentle_female.wav",
                    "preview_text": "Hello, this is a preview of the gentle female voice.",
                    "quality_score": 0.95,
                    "usage_count": 1250,
                    "is_favorite": false,
                    "model_config": {
                        "sample_rate": 22050,
                        "supported_formats": ["wav", "mp3", "flac"],
                        "max_text_length": 10000,
                        "supports_emotions": ["neutral", "happy", "sad", "excited"],
                        "supports_speed_range": [0.5, 3.0],
                        "supports_pitch_range": [0.5, 2.0]
                    },
                    "statistics": {
                        "average_synthesis_time": 2.3,
                        "success_rate": 0.992,
                        "user_rating": 4.7
                    },
                    "created_at": "2024-01-01T00:00:00Z",
                    "updated_at": "2024-01-15T08:00:00Z"
                },
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    private static final String PREVIEW_ANSWER = """
            {
                "success": true,
                "data": {
                    "preview_audio_url": "/api/v1/files/audio/previews/preset_gentle_female_001.wav",
                    "preview_text": "Hello, this is a preview of the gentle female voice.",
                    "duration": 3.2,
                    "format": "wav",
                    "sample_rate": 22050
                },
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    private static final String FAVORITE_ANSWER = """
            {
                "success": true,
                "data": {
                    "voice_model_id": "preset_gentle_female_001",
                    "is_favorite": true,
                    "favorites_count": 1
                },
                "message": "Voice model added to favorites",
                "timestamp": "2024-01-15T10:30:00Z"
            }""";
    private static final String JOB_WITH_SELECTED_MODEL = """
            {
                "text_content": "Hello world, this synthesis uses a selected voice model from the library.",
                "voice_model_id": "preset_gentle_female_001",
                "text_language": "en-US",
                "output_format": "wav",
                "sample_rate": 22050,
                "speed": 1.0,
                "pitch": 1.0,
                "volume": 1.0,
                "config": {
                    "emotion": "happy",
                    "include_timestamps": true
                }
            }""";
    private static final String TRAIN = """
            {
                "config": {
                    "epochs": 100,
                    "learning_rate": 0.001,
                    "batch_size": 32,
                    "enable_timestamp_alignment": true
                }
            }""";
    private static final String TRAIN_ANSWER = """
            {
                "success": true,
                "data": {
                    "training_job_id": "job_train_1234567890",
                    "estimated_duration": 1800,
                    "status": "pending",
                    "features": {
                        "timestamp_alignment_enabled": true,
                        "voice_quality_enhancement": true
                    }
                },
                "message": "Voice training job created with timestamp alignment support"
            }""";
    private static final String CREATE_CLONE = """
            {
                "sample_ids": ["vs_1234567890"],
                "name": "My Personal Voice Clone",
                "description": "Custom voice clone from my samples"
              }""";
    private static final String WORKFLOW_2_JOB = """
            {
                "text_content": "Hello world, this is my personal cloned voice speaking!",
                "voice_model_id": "vc_1234567890",
                "output_format": "wav",
                "speed": 1.0,
                "pitch": 1.0,
                "volume": 1.0
              }""";
    /** What a progress line carries, after the document's stream. */
    private static final String PROGRESS_LINE = """
            {"progress": 0.0, "status": "pending", "message": "Job queued for processing"}""";

    private static final String PROGRESS_DONE = """
            {"progress": 100.0, "status": "completed", "message": "Synthesis completed", \
            "output_file_path": "/audio/job_1234567890.wav", "duration": 5.2}""";

    // --- Workflow 1, the job examples and the library examples, on one server ----------------------------------

    @Test
    void workflowOneAndTheJobAndLibraryExamplesWorkAsWritten() {
        try (RunningApp app = RunningApp.start(
                RunningApp.tempDir("voxify-contract-1-"), Map.of("voxify.synthesis.worker-threads", 1))) {
            ApiClient anonymous = app.client();
            assertEnvelope("register", post(anonymous, "/api/v1/auth/register", REGISTER_JOHN), 201);
            ApiClient.Response login = post(anonymous, "/api/v1/auth/login", LOGIN);
            assertEnvelope("login", login, 200);
            assertThat(login.data().get("access_token").isTextual()).isTrue();
            ApiClient user =
                    anonymous.withToken(login.data().get("access_token").asText());

            ApiClient.Response created = post(user, "/api/v1/job", WORKFLOW_1_JOB);
            assertEnvelope("workflow 1 job", created, 201);
            String jobId = created.data().get("id").asText();
            List<JsonNode> progress = progress(app, user, jobId);
            assertProgress(progress);
            JsonNode result = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), SLOW);
            assertShape("get-job", result, json(LIST_JOBS_ANSWER).get("data").get(0));
            download(user, jobId);

            // The job examples. The only worker is kept busy by another user, so the new job is still pending
            // when the document updates it.
            ApiClient other = app.client().newUser();
            String blocker = other.createJob(Map.of(
                            "text_content",
                            "A long text that keeps the only worker busy while the examples run. ".repeat(60),
                            "output_format",
                            "wav"))
                    .get("id")
                    .asText();
            other.awaitJob(blocker, j -> j.get("status").asText().equals("processing"), SLOW);
            ApiClient.Response example = post(user, "/api/v1/job", CREATE_JOB);
            assertEnvelope("create-job", example, 201);
            assertShape("create-job", example.json(), json(CREATE_JOB_ANSWER));
            assertThat(example.data().get("config").isObject())
                    .as("config is always the object")
                    .isTrue();
            String exampleId = example.data().get("id").asText();
            ApiClient.Response updated = put(user, "/api/v1/job/" + exampleId, UPDATE_JOB);
            assertEnvelope("update-job", updated, 200);
            assertThat(updated.data().get("speed").asDouble()).isEqualTo(1.5);
            assertThat(updated.data().get("output_format").asText()).isEqualTo("mp3");
            assertThat(updated.data().get("sample_rate").asInt()).isEqualTo(44100);
            other.patch("/api/v1/job/" + blocker, Map.of("status", "cancelled"));
            user.awaitJob(exampleId, j -> j.get("status").asText().equals("completed"), SLOW);

            ApiClient.Response list = user.get(LIST_JOBS);
            assertEnvelope("list-jobs", list, 200);
            assertThat(list.data()).hasSizeGreaterThanOrEqualTo(2);
            assertShape("list-jobs", list.json(), json(LIST_JOBS_ANSWER));

            ApiClient.Response deleted = user.delete("/api/v1/job/" + exampleId);
            assertEnvelope("delete-job", deleted, 200);
            assertShape("delete-job", deleted.json(), json(DELETE_JOB_ANSWER));
            assertThat(deleted.json().get("message").asText()).isEqualTo("Job deleted successfully");

            // The library examples.
            ApiClient.Response library = user.get(LIST_MODELS);
            assertEnvelope("list-models", library, 200);
            assertThat(library.data())
                    .as("the example's filters find the gentle female voice")
                    .isNotEmpty();
            assertShape("list-models", library.json(), json(LIST_MODELS_ANSWER));

            ApiClient.Response selected = post(user, "/api/v1/job", JOB_WITH_SELECTED_MODEL);
            assertEnvelope("job-with-selected-model", selected, 201);
            user.awaitJob(
                    selected.data().get("id").asText(),
                    j -> j.get("status").asText().equals("completed"),
                    SLOW);
            // Precondition for the documented user_rating (a number): somebody rated the voice.
            assertThat(user.put("/api/v1/voice/models/preset_gentle_female_001/rating", Map.of("rating", 5))
                            .status())
                    .isEqualTo(200);

            ApiClient.Response details = user.get("/api/v1/voice/models/preset_gentle_female_001");
            assertEnvelope("model-details", details, 200);
            assertShape("model-details", details.json(), json(MODEL_DETAILS_ANSWER));

            ApiClient.Response preview = user.get("/api/v1/voice/models/preset_gentle_female_001/preview");
            assertEnvelope("preview", preview, 200);
            assertShape("preview", preview.json(), json(PREVIEW_ANSWER));

            ApiClient.Response favorite = user.post("/api/v1/voice/models/preset_gentle_female_001/favorite", null);
            assertEnvelope("favorite", favorite, 200);
            assertShape("favorite", favorite.json(), json(FAVORITE_ANSWER));
            assertThat(favorite.data().get("is_favorite").asBoolean()).isTrue();
        }
    }

    // --- Workflow 2 and the training example, on a second server ------------------------------------------------

    @Test
    void workflowTwoAndTheTrainingExampleWorkAsWritten() {
        try (RunningApp app = RunningApp.start(RunningApp.tempDir("voxify-contract-2-"), Map.of())) {
            ApiClient anonymous = app.client();
            assertEnvelope("register", post(anonymous, "/api/v1/auth/register", REGISTER_JANE), 201);
            ApiClient.Response login = post(anonymous, "/api/v1/auth/login", LOGIN);
            assertEnvelope("login", login, 200);
            ApiClient user =
                    anonymous.withToken(login.data().get("access_token").asText());

            ApiClient.Response uploaded = user.multipart(
                    "/api/v1/voice/samples",
                    Map.of(
                            "name", "My Personal Voice Sample",
                            "description", "High quality recording for voice cloning",
                            "language", "en-US"),
                    "voice_sample.wav",
                    SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav"));
            assertEnvelope("upload", uploaded, 201);
            String sampleId = uploaded.data().get("id").asText();
            assertThat(uploaded.data().get("status").isTextual()).isTrue();

            ApiClient.Response processed = post(user, "/api/v1/voice/samples/" + sampleId + "/process", "{}");
            assertThat(processed.status()).as(processed.text()).isIn(200, 202);
            assertThat(processed.data().get("processing_job_id").isTextual()).isTrue();
            JsonNode sample = user.await(
                    "/api/v1/voice/samples/" + sampleId,
                    s -> s.get("status").asText().equals("processed"),
                    SLOW);
            assertThat(sample.get("quality_metrics").isObject()).isTrue();

            ApiClient.Response clone =
                    post(user, "/api/v1/voice/clones", CREATE_CLONE.replace("vs_1234567890", sampleId));
            assertThat(clone.status()).as(clone.text()).isIn(201, 202);
            String cloneId = clone.data().get("clone_id").asText();
            assertThat(clone.data().get("generation_job_id").isTextual())
                    .as("the generation job's id")
                    .isTrue();
            JsonNode ready = user.await(
                    "/api/v1/voice/clones/" + cloneId,
                    c -> c.get("status").asText().equals("ready"),
                    SLOW);
            assertThat(ready.get("quality_metrics").isObject()).isTrue();

            ApiClient.Response job = post(user, "/api/v1/job", WORKFLOW_2_JOB.replace("vc_1234567890", cloneId));
            assertEnvelope("workflow 2 job", job, 201);
            String jobId = job.data().get("id").asText();
            assertProgress(progress(app, user, jobId));
            user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), SLOW);
            download(user, jobId);

            JsonNode inLibrary = user.get("/api/v1/voice/models?type=custom").data();
            assertThat(inLibrary).isNotEmpty();
            assertShape("custom-model", inLibrary.get(0), json(CUSTOM_MODEL));

            ApiClient.Response training = post(user, "/api/v1/voice/samples/" + sampleId + "/train", TRAIN);
            assertThat(training.status()).as(training.text()).isIn(201, 202);
            assertShape("train", training.json(), json(TRAIN_ANSWER));
            assertThat(training.data().get("estimated_duration").isIntegralNumber())
                    .as("whole seconds")
                    .isTrue();
            assertThat(training.data()
                            .at("/features/timestamp_alignment_enabled")
                            .asBoolean())
                    .isTrue();
        }
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiClient.Response post(ApiClient client, String path, String body) {
        return client.raw("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiClient.Response put(ApiClient client, String path, String body) {
        return client.raw("PUT", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertEnvelope(String what, ApiClient.Response r, int status) {
        assertThat(r.status()).as(what + ": " + r.text()).isEqualTo(status);
        assertThat(r.json().get("success").asBoolean()).as(what).isTrue();
        assertThat(r.json().get("timestamp").isTextual())
                .as(what + " timestamp")
                .isTrue();
    }

    /**
     * Every field of the documented example is in the answer, with the same JSON type (numbers as numbers,
     * whatever their form); arrays are checked element by element against the example's first element.
     */
    private static void assertShape(String example, JsonNode actual, JsonNode documented) {
        assertShape(example, "", actual, documented);
    }

    private static void assertShape(String example, String path, JsonNode actual, JsonNode documented) {
        for (Iterator<Map.Entry<String, JsonNode>> it = documented.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path + "/" + field.getKey();
            assertThat(actual.has(field.getKey()))
                    .as(example + ": documented field " + at + " in " + actual)
                    .isTrue();
            JsonNode value = actual.get(field.getKey());
            JsonNode expected = field.getValue();
            if (DIFFERENCES.contains(example + ":" + field.getKey())) {
                continue;
            }
            assertThat(type(value))
                    .as(example + ": type of " + at + " (" + value + ")")
                    .isEqualTo(type(expected));
            if (expected.isObject()) {
                assertShape(example, at, value, expected);
            } else if (expected.isArray()
                    && !expected.isEmpty()
                    && expected.get(0).isContainerNode()) {
                for (JsonNode element : value) {
                    assertShape(example, at + "[]", element, expected.get(0));
                }
            } else if (expected.isArray() && !expected.isEmpty()) {
                for (JsonNode element : value) {
                    assertThat(type(element))
                            .as(example + ": elements of " + at)
                            .isEqualTo(type(expected.get(0)));
                }
            }
        }
    }

    private static String type(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.getNodeType().name().toLowerCase();
    }

    /** The document's progress stream, read as its own client would: lines after the fixed prefix "data: ". */
    private static List<JsonNode> progress(RunningApp app, ApiClient user, String jobId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/job/" + jobId + "/progress"))
                .header("Authorization", "Bearer " + user.token())
                .header("Accept", "text/event-stream")
                .timeout(SLOW)
                .GET()
                .build();
        List<JsonNode> events = new ArrayList<>();
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(json(line.substring("data: ".length())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    private static void assertProgress(List<JsonNode> events) {
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertShape("progress", events.get(0), json(PROGRESS_LINE));
        JsonNode done = events.get(events.size() - 2);
        assertShape("progress-done", done, json(PROGRESS_DONE));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(events.get(events.size() - 1).get("event").asText()).isEqualTo("complete");
    }

    private static void download(ApiClient user, String jobId) {
        ApiClient.Response audio = user.get("/api/v1/files/audio/" + jobId);
        assertThat(audio.status()).isEqualTo(200);
        assertThat(new String(audio.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    }
}
