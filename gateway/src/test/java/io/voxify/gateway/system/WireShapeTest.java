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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Proof that a restructuring changes nothing for clients: one scripted session over every endpoint of
 * the running application (auth, jobs and their progress stream and audio, samples, clones and their
 * generation, training, the voice library with search, favorites and ratings, files and signed links,
 * audit, webhooks, admin, the OpenAI-compatible speech endpoint, the audio streams, the OpenAPI document,
 * health and metrics), successes and the usual refusals (400, 401, 403, 404 of another user's resource,
 * 409, 415, 429), each answer written down as its shape ({@link WireShape}: status, headers that matter,
 * JSON paths with their types, the values of enumerations only) and compared with the golden file
 * {@code src/test/resources/wire-shape/session.txt}. A difference fails with a line diff.
 *
 * <p>The script makes every answer deterministic instead of tolerating variation: work whose first answers
 * could race a worker is started while another user holds that worker (a long synthesis, cancelled after,
 * for jobs; a best-quality clone fit, deleted after, for samples, clones and training, which share the voice
 * worker), and every read of a finished resource waits until it has finished. The one variation the script
 * cannot remove is the application's own: see {@link WireShape#ofStreamed}.
 *
 * <p>One application of its own, started once for the whole session;
 * the golden file path is relative to the gateway module, where Maven runs the test.
 *
 * <p>To accept a deliberate change of the wire format, record the file again and review its diff:
 * {@code mvn -pl gateway -am -Dtest=WireShapeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwire.shape.record=true test}. Recording writes the file and passes; without the property the test
 * only compares.
 */
class WireShapeTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "wire-shape", "session.txt");
    private static final Duration SLOW = Duration.ofMinutes(2);
    private static final String RECORDING = "sense_and_sensibility_01_austen_64kb-0870.wav";
    private static final String OTHER_RECORDING = "sense_and_sensibility_01_austen_64kb-0890.wav";

    private final List<String> out = new ArrayList<>();
    private RunningApp app;
    private String otherSampleId;

    @Test
    void aScriptedSessionOverEveryEndpointAnswersInTheRecordedShape() throws IOException {
        // An application of its own: what other tests did to a shared one must not show in the shapes.
        try (RunningApp started = RunningApp.start(RunningApp.tempDir("voxify-wire-shape-"), Map.of())) {
            app = started;
            session();
        }
        List<String> file = new ArrayList<>();
        file.add(
                "# The wire shape of WireShapeTest's session. Regenerate: -Dwire.shape.record=true (see its Javadoc).");
        file.add("# Every answer has these headers unless it lists one as missing:");
        WireShape.COMMON_HEADERS.forEach(h -> file.add("#   " + h));
        file.addAll(out);
        String actual = String.join("\n", file) + "\n";
        if (Boolean.getBoolean("wire.shape.record")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual);
            return;
        }
        assertThat(Files.exists(GOLDEN))
                .as(GOLDEN.toAbsolutePath() + " exists (record it with -Dwire.shape.record=true)")
                .isTrue();
        String expected = Files.readString(GOLDEN);
        if (!expected.equals(actual)) {
            throw new AssertionError("The wire shape differs from " + GOLDEN + " (- recorded, + now):\n"
                    + LineDiff.of(expected, actual));
        }
    }

    // --- The session -------------------------------------------------------------------------------------------

    private void session() {
        ApiClient anonymous = app.client();
        platform(anonymous);
        Users users = auth(anonymous);
        Job job = jobs(users);
        filesAndStreams(users, job);
        String sampleId = samples(users);
        String cloneId = clones(users, sampleId);
        training(users, sampleId, cloneId);
        library(users, cloneId);
        webhooksAndAudit(users, job, sampleId, cloneId);
        deletions(users, job, sampleId, cloneId);
        admin(users);
        limits(users);
    }

    private void platform(ApiClient anonymous) {
        section("health, metrics, documents");
        call("health", "GET", "/actuator/health", () -> anonymous.get("/actuator/health"));
        call("readiness", "GET", "/actuator/health/readiness", () -> anonymous.get("/actuator/health/readiness"));
        call("liveness", "GET", "/actuator/health/liveness", () -> anonymous.get("/actuator/health/liveness"));
        call("info", "GET", "/actuator/info", () -> anonymous.get("/actuator/info"));
        call("prometheus scrape with the token", "GET", "/actuator/prometheus", app::scrape);
        call(
                "prometheus scrape without the token",
                "GET",
                "/actuator/prometheus",
                () -> anonymous.get("/actuator/prometheus"));
        ApiClient.Response docs = anonymous.get("/v3/api-docs");
        List<String> lines = new ArrayList<>();
        lines.add("status: " + docs.status());
        lines.addAll(WireShape.headers(docs.headers()));
        lines.addAll(WireShape.topLevel(docs.json()));
        write("OpenAPI document (top level only)", "GET", "/v3/api-docs", lines);
        call("console page", "GET", "/", () -> anonymous.get("/"));
        call(
                "unknown API route, anonymously",
                "GET",
                "/api/v1/no-such-thing",
                () -> anonymous.get("/api/v1/no-such-thing"));
    }

    private record Users(
            ApiClient user,
            ApiClient stranger,
            ApiClient other,
            ApiClient limited,
            ApiClient admin,
            String userId,
            String strangerId) {}

    private Users auth(ApiClient anonymous) {
        section("auth");
        String email = "shape-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> registration =
                Map.of("email", email, "password", ApiClient.PASSWORD, "first_name", "Ada", "last_name", "Lovelace");
        call("register", "POST", "/api/v1/auth/register", () -> anonymous.post("/api/v1/auth/register", registration));
        call(
                "register an email already taken",
                "POST",
                "/api/v1/auth/register",
                () -> anonymous.post("/api/v1/auth/register", registration));
        call(
                "register without fields",
                "POST",
                "/api/v1/auth/register",
                () -> anonymous.post("/api/v1/auth/register", Map.of()));
        call(
                "register with a weak password",
                "POST",
                "/api/v1/auth/register",
                () -> anonymous.post("/api/v1/auth/register", Map.of("email", "weak-" + email, "password", "abc")));
        call(
                "register with an invalid email",
                "POST",
                "/api/v1/auth/register",
                () -> anonymous.post(
                        "/api/v1/auth/register", Map.of("email", "not-an-email", "password", ApiClient.PASSWORD)));
        call(
                "register with malformed JSON",
                "POST",
                "/api/v1/auth/register",
                () -> anonymous.raw(
                        "POST",
                        "/api/v1/auth/register",
                        "application/json",
                        "{\"email\":".getBytes(StandardCharsets.UTF_8)));
        call(
                "register as text/plain",
                "POST",
                "/api/v1/auth/register",
                () -> anonymous.raw(
                        "POST", "/api/v1/auth/register", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
        ApiClient.Response login = call(
                "login",
                "POST",
                "/api/v1/auth/login",
                () -> anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD)));
        call(
                "login with a wrong password",
                "POST",
                "/api/v1/auth/login",
                () -> anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", "Wrong-Pass-123")));
        call(
                "login without fields",
                "POST",
                "/api/v1/auth/login",
                () -> anonymous.post("/api/v1/auth/login", Map.of()));
        ApiClient user = anonymous.withToken(login.data().get("access_token").asText());
        String refreshToken = login.data().get("refresh_token").asText();
        call(
                "refresh",
                "POST",
                "/api/v1/auth/refresh",
                () -> anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)));
        call(
                "refresh with an unknown token",
                "POST",
                "/api/v1/auth/refresh",
                () -> anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", "not-a-token")));
        call("profile", "GET", "/api/v1/auth/profile", () -> user.get("/api/v1/auth/profile"));
        call(
                "change the profile",
                "PATCH",
                "/api/v1/auth/profile",
                () -> user.patch("/api/v1/auth/profile", Map.of("first_name", "Augusta")));
        call(
                "change a read-only profile field",
                "PATCH",
                "/api/v1/auth/profile",
                () -> user.patch("/api/v1/auth/profile", Map.of("email", "x@example.com")));
        call("profile without a token", "GET", "/api/v1/auth/profile", () -> anonymous.get("/api/v1/auth/profile"));
        call(
                "profile with a malformed token",
                "GET",
                "/api/v1/auth/profile",
                () -> anonymous.withToken("not.a.jwt").get("/api/v1/auth/profile"));
        call("unknown API route, signed in", "GET", "/api/v1/no-such-thing", () -> user.get("/api/v1/no-such-thing"));
        call(
                "profile with an unsupported method",
                "DELETE",
                "/api/v1/auth/profile",
                () -> user.delete("/api/v1/auth/profile"));

        ApiClient.Response second =
                anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD));
        ApiClient leaving =
                anonymous.withToken(second.data().get("access_token").asText());
        call(
                "logout",
                "POST",
                "/api/v1/auth/logout",
                () -> leaving.post(
                        "/api/v1/auth/logout",
                        Map.of(
                                "refresh_token",
                                second.data().get("refresh_token").asText())));
        call("profile after logout", "GET", "/api/v1/auth/profile", () -> leaving.get("/api/v1/auth/profile"));

        ApiClient stranger = anonymous.newUser();
        ApiClient other = anonymous.newUser();
        ApiClient limited = anonymous.newUser();
        ApiClient admin = anonymous.login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        return new Users(user, stranger, other, limited, admin, user.userId(), stranger.userId());
    }

    private record Job(String id, String fileId, String downloadPath) {}

    private Job jobs(Users u) {
        section("jobs");
        ApiClient user = u.user();
        String jobId;
        String cancelledId;
        try (Blocker ignored = new Blocker(u.other())) {
            ApiClient.Response created = call(
                    "create a job",
                    "POST",
                    "/api/v1/job",
                    () -> user.post(
                            "/api/v1/job",
                            Map.of(
                                    "text_content",
                                    "Hello world, this is a test synthesis job.",
                                    "voice_model_id",
                                    "default_voice_001",
                                    "text_language",
                                    "en-US",
                                    "output_format",
                                    "wav",
                                    "sample_rate",
                                    22050,
                                    "speed",
                                    1.2,
                                    "pitch",
                                    1.0,
                                    "volume",
                                    1.0,
                                    "config",
                                    Map.of("include_timestamps", true, "timestamp_granularity", "word"))));
            jobId = created.data().get("id").asText();
            call(
                    "create a job without text",
                    "POST",
                    "/api/v1/job",
                    () -> user.post("/api/v1/job", Map.of("text_content", "")));
            call(
                    "create a job with an unknown voice",
                    "POST",
                    "/api/v1/job",
                    () -> user.post(
                            "/api/v1/job", Map.of("text_content", "Hello.", "voice_model_id", "no_such_voice")));
            call(
                    "update a pending job",
                    "PUT",
                    "/api/v1/job/" + jobId,
                    () -> user.put(
                            "/api/v1/job/" + jobId,
                            Map.of(
                                    "speed",
                                    1.5,
                                    "pitch",
                                    1.1,
                                    "volume",
                                    0.9,
                                    "output_format",
                                    "wav",
                                    "sample_rate",
                                    22050)));
            call("a pending job", "GET", "/api/v1/job/" + jobId, () -> user.get("/api/v1/job/" + jobId));
            ApiClient.Response second = call(
                    "create a second job",
                    "POST",
                    "/api/v1/job",
                    () -> user.post("/api/v1/job", Map.of("text_content", "Cancel me.")));
            cancelledId = second.data().get("id").asText();
            call(
                    "cancel a pending job",
                    "PATCH",
                    "/api/v1/job/" + cancelledId,
                    () -> user.patch("/api/v1/job/" + cancelledId, Map.of("status", "cancelled")));
            call(
                    "patch with an unknown status",
                    "PATCH",
                    "/api/v1/job/" + jobId,
                    () -> user.patch("/api/v1/job/" + jobId, Map.of("status", "exploded")));
        }
        JsonNode done = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), SLOW);
        call("a completed job", "GET", "/api/v1/job/" + jobId, () -> user.get("/api/v1/job/" + jobId));
        call(
                "another user's job",
                "GET",
                "/api/v1/job/" + jobId,
                () -> u.stranger().get("/api/v1/job/" + jobId));
        call(
                "patch another user's job",
                "PATCH",
                "/api/v1/job/" + jobId,
                () -> u.stranger().patch("/api/v1/job/" + jobId, Map.of("status", "cancelled")));
        call(
                "update a completed job",
                "PUT",
                "/api/v1/job/" + jobId,
                () -> user.put("/api/v1/job/" + jobId, Map.of("speed", 1.0)));
        call(
                "cancel a completed job",
                "PATCH",
                "/api/v1/job/" + jobId,
                () -> user.patch("/api/v1/job/" + jobId, Map.of("status", "cancelled")));
        String list = "/api/v1/job?limit=10&offset=0&sort_by=created_at&sort_order=desc";
        call("list jobs", "GET", list, () -> user.get(list));
        call(
                "list completed jobs without text",
                "GET",
                "/api/v1/job?status=completed&include_text=false",
                () -> user.get("/api/v1/job?status=completed&include_text=false"));
        call(
                "list jobs with an invalid sort",
                "GET",
                "/api/v1/job?sort_by=colour",
                () -> user.get("/api/v1/job?sort_by=colour"));
        call(
                "list another user's jobs",
                "GET",
                "/api/v1/job?user_id=" + u.strangerId(),
                () -> user.get("/api/v1/job?user_id=" + u.strangerId()));
        sse("progress of a completed job", user, "/api/v1/job/" + jobId + "/progress");
        sse("progress of another user's job", u.stranger(), "/api/v1/job/" + jobId + "/progress");
        return new Job(
                jobId,
                done.get("file_id").asText(),
                done.get("output_file_path").asText());
    }

    private void filesAndStreams(Users u, Job job) {
        section("files and audio streams");
        ApiClient user = u.user();
        ApiClient.Response audio =
                call("download the audio", "GET", job.downloadPath(), () -> user.get(job.downloadPath()));
        String etag = audio.header("ETag");
        call(
                "download a range",
                "GET",
                job.downloadPath(),
                () -> user.get(job.downloadPath(), Map.of("Range", "bytes=0-99")));
        call(
                "download an unsatisfiable range",
                "GET",
                job.downloadPath(),
                () -> user.get(job.downloadPath(), Map.of("Range", "bytes=999999999-")));
        call(
                "download again with If-None-Match",
                "GET",
                job.downloadPath(),
                () -> user.get(job.downloadPath(), Map.of("If-None-Match", etag)));
        call(
                "download inline",
                "GET",
                job.downloadPath() + "?download=false",
                () -> user.get(job.downloadPath() + "?download=false"));
        call(
                "download another user's audio",
                "GET",
                job.downloadPath(),
                () -> u.stranger().get(job.downloadPath()));
        call(
                "file info",
                "GET",
                "/api/v1/files/" + job.fileId() + "/info",
                () -> user.get("/api/v1/files/" + job.fileId() + "/info"));
        call(
                "another user's file info",
                "GET",
                "/api/v1/files/" + job.fileId() + "/info",
                () -> u.stranger().get("/api/v1/files/" + job.fileId() + "/info"));
        ApiClient.Response link = call(
                "a signed link",
                "POST",
                "/api/v1/files/audio/" + job.fileId() + "/link",
                () -> user.post("/api/v1/files/audio/" + job.fileId() + "/link", null));
        String url = link.data().get("url").asText();
        call(
                "the signed link, without a token",
                "GET",
                "/api/v1/files/audio/{id}/signed?…",
                () -> app.client().get(url));
        call(
                "a tampered signed link",
                "GET",
                "/api/v1/files/audio/{id}/signed?…",
                () -> app.client().get(url.replaceAll("signature=[^&]*", "signature=AAAA")));

        streamed(
                "stream a completed job's audio",
                "GET",
                "/api/v1/job/" + job.id() + "/audio/stream",
                () -> user.get("/api/v1/job/" + job.id() + "/audio/stream"));
        call(
                "stream in an unknown format",
                "GET",
                "/api/v1/job/" + job.id() + "/audio/stream?format=ogg",
                () -> user.get("/api/v1/job/" + job.id() + "/audio/stream?format=ogg"));
        call(
                "stream another user's job",
                "GET",
                "/api/v1/job/" + job.id() + "/audio/stream",
                () -> u.stranger().get("/api/v1/job/" + job.id() + "/audio/stream"));
        streamed(
                "speak and stream as WAV",
                "POST",
                "/api/v1/tts/stream",
                () -> user.post("/api/v1/tts/stream", Map.of("text_content", "Streamed while it is spoken.")));
        streamed(
                "speak and stream as PCM",
                "POST",
                "/api/v1/tts/stream?format=pcm",
                () -> user.post("/api/v1/tts/stream?format=pcm", Map.of("text_content", "Raw samples.")));
        call(
                "speak and stream nothing",
                "POST",
                "/api/v1/tts/stream",
                () -> user.post("/api/v1/tts/stream", Map.of("text_content", "")));

        call(
                "OpenAI speech",
                "POST",
                "/v1/audio/speech",
                () -> user.post(
                        "/v1/audio/speech",
                        Map.of("model", "tts-1", "input", "The quick brown fox.", "voice", "alloy")));
        call(
                "OpenAI speech as WAV",
                "POST",
                "/v1/audio/speech",
                () -> user.post(
                        "/v1/audio/speech",
                        Map.of(
                                "model",
                                "tts-1",
                                "input",
                                "The quick brown fox.",
                                "voice",
                                "alloy",
                                "response_format",
                                "wav")));
        call(
                "OpenAI speech without input",
                "POST",
                "/v1/audio/speech",
                () -> user.post("/v1/audio/speech", Map.of("model", "tts-1", "voice", "alloy")));
        call(
                "OpenAI speech with an unknown format",
                "POST",
                "/v1/audio/speech",
                () -> user.post(
                        "/v1/audio/speech",
                        Map.of("model", "tts-1", "input", "Hi.", "voice", "alloy", "response_format", "ogg-vorbis")));
        call(
                "OpenAI speech without a token",
                "POST",
                "/v1/audio/speech",
                () -> app.client()
                        .post("/v1/audio/speech", Map.of("model", "tts-1", "input", "Hi.", "voice", "alloy")));
    }

    private String samples(Users u) {
        section("samples");
        ApiClient user = u.user();
        byte[] recording = SampleUploadTest.humanRecording(RECORDING);
        Map<String, String> form = Map.of(
                "name",
                "My Personal Voice Sample",
                "description",
                "High quality recording for voice cloning",
                "language",
                "en-US");
        String sampleId;
        // The other user's recording, for the clones that hold the voice worker later on.
        ApiClient.Response theirs = u.other()
                .multipart(
                        "/api/v1/voice/samples",
                        Map.of("name", "Theirs"),
                        "theirs.wav",
                        SampleUploadTest.humanRecording(OTHER_RECORDING));
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        otherSampleId = theirs.data().get("id").asText();
        JsonNode processed = u.other()
                .await(
                        "/api/v1/voice/samples/" + otherSampleId,
                        s -> !s.get("status").asText().equals("processing"),
                        SLOW);
        assertThat(processed.get("status").asText()).as(processed.toString()).isEqualTo("processed");
        try (VoiceBlocker ignored = new VoiceBlocker(u.other(), otherSampleId)) {
            ApiClient.Response uploaded = call(
                    "upload a sample",
                    "POST",
                    "/api/v1/voice/samples",
                    () -> user.multipart("/api/v1/voice/samples", form, "voice_sample.wav", recording));
            sampleId = uploaded.data().get("id").asText();
            call(
                    "process a sample being processed",
                    "POST",
                    "/api/v1/voice/samples/" + sampleId + "/process",
                    () -> user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of()));
            call(
                    "upload without a file",
                    "POST",
                    "/api/v1/voice/samples",
                    () -> user.multipart("/api/v1/voice/samples", form, null, null));
            call(
                    "upload something that is not audio",
                    "POST",
                    "/api/v1/voice/samples",
                    () -> user.multipart(
                            "/api/v1/voice/samples",
                            form,
                            "notes.wav",
                            "just some text, not audio at all".repeat(20).getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode sample = user.await(
                "/api/v1/voice/samples/" + sampleId,
                s -> !s.get("status").asText().equals("processing"),
                SLOW);
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        call(
                "upload the same recording again",
                "POST",
                "/api/v1/voice/samples",
                () -> user.multipart("/api/v1/voice/samples", form, "voice_sample.wav", recording));
        call(
                "a processed sample",
                "GET",
                "/api/v1/voice/samples/" + sampleId,
                () -> user.get("/api/v1/voice/samples/" + sampleId));
        call(
                "another user's sample",
                "GET",
                "/api/v1/voice/samples/" + sampleId,
                () -> u.stranger().get("/api/v1/voice/samples/" + sampleId));
        call("list samples", "GET", "/api/v1/voice/samples", () -> user.get("/api/v1/voice/samples"));
        call(
                "list samples with an invalid status",
                "GET",
                "/api/v1/voice/samples?status=shiny",
                () -> user.get("/api/v1/voice/samples?status=shiny"));
        call(
                "process a processed sample",
                "POST",
                "/api/v1/voice/samples/" + sampleId + "/process",
                () -> user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of()));
        call(
                "process with an unknown field",
                "POST",
                "/api/v1/voice/samples/" + sampleId + "/process",
                () -> user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of("speed", 2)));
        call(
                "similar voices",
                "GET",
                "/api/v1/voice/samples/" + sampleId + "/similar?limit=3",
                () -> user.get("/api/v1/voice/samples/" + sampleId + "/similar?limit=3"));
        call(
                "similar voices with a bad limit",
                "GET",
                "/api/v1/voice/samples/" + sampleId + "/similar?limit=0",
                () -> user.get("/api/v1/voice/samples/" + sampleId + "/similar?limit=0"));
        String audio = "/api/v1/voice/samples/" + sampleId + "/audio";
        call("a sample's recording", "GET", audio, () -> user.get(audio));
        call("another user's sample recording", "GET", audio, () -> u.stranger().get(audio));
        ApiClient.Response link =
                call("a signed link to a sample", "POST", audio + "/link", () -> user.post(audio + "/link", null));
        String url = link.data().get("url").asText();
        call(
                "the sample's signed link, without a token",
                "GET",
                audio + "/signed?…",
                () -> app.client().get(url));
        return sampleId;
    }

    private String clones(Users u, String sampleId) {
        section("clones");
        ApiClient user = u.user();
        String cloneId;
        try (VoiceBlocker ignored = new VoiceBlocker(u.other(), otherSampleId)) {
            ApiClient.Response created = call(
                    "create a clone",
                    "POST",
                    "/api/v1/voice/clones",
                    () -> user.post(
                            "/api/v1/voice/clones",
                            Map.of(
                                    "sample_ids",
                                    List.of(sampleId),
                                    "name",
                                    "My Personal Voice Clone",
                                    "description",
                                    "Custom voice clone from my samples",
                                    "config",
                                    Map.of("quality", "fast"))));
            cloneId = created.data().get("clone_id").asText();
            String generation = created.data().get("generation_job_id").asText();
            call(
                    "a clone being generated",
                    "GET",
                    "/api/v1/voice/clones/" + cloneId,
                    () -> user.get("/api/v1/voice/clones/" + cloneId));
            call(
                    "a waiting generation job",
                    "GET",
                    "/api/v1/voice/generation/" + generation,
                    () -> user.get("/api/v1/voice/generation/" + generation));
            call(
                    "select a clone that is not ready",
                    "POST",
                    "/api/v1/voice/clones/" + cloneId + "/select",
                    () -> user.post("/api/v1/voice/clones/" + cloneId + "/select", null));
            call(
                    "process a sample a clone is built from",
                    "POST",
                    "/api/v1/voice/samples/" + sampleId + "/process",
                    () -> user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of("force", true)));
            call(
                    "create a clone without samples",
                    "POST",
                    "/api/v1/voice/clones",
                    () -> user.post("/api/v1/voice/clones", Map.of("name", "Nothing")));
            call(
                    "create a clone with an unknown field",
                    "POST",
                    "/api/v1/voice/clones",
                    () -> user.post(
                            "/api/v1/voice/clones",
                            Map.of("sample_ids", List.of(sampleId), "name", "X", "quality", "fast")));
            call(
                    "create a clone from another user's sample",
                    "POST",
                    "/api/v1/voice/clones",
                    () -> u.stranger()
                            .post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "Theirs")));
        }
        JsonNode ready = user.await(
                "/api/v1/voice/clones/" + cloneId,
                c -> List.of("ready", "failed").contains(c.get("status").asText()),
                SLOW);
        assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("ready");
        String generation = ready.path("generation_job_id").asText(null);
        call(
                "a ready clone",
                "GET",
                "/api/v1/voice/clones/" + cloneId,
                () -> user.get("/api/v1/voice/clones/" + cloneId));
        call(
                "another user's clone",
                "GET",
                "/api/v1/voice/clones/" + cloneId,
                () -> u.stranger().get("/api/v1/voice/clones/" + cloneId));
        call("list clones", "GET", "/api/v1/voice/clones", () -> user.get("/api/v1/voice/clones"));
        call(
                "list clones with an invalid status",
                "GET",
                "/api/v1/voice/clones?status=shiny",
                () -> user.get("/api/v1/voice/clones?status=shiny"));
        if (generation != null) {
            user.await(
                    "/api/v1/voice/generation/" + generation,
                    g -> List.of("completed", "failed").contains(g.get("status").asText()),
                    SLOW);
            call(
                    "a finished generation job",
                    "GET",
                    "/api/v1/voice/generation/" + generation,
                    () -> user.get("/api/v1/voice/generation/" + generation));
            call(
                    "another user's generation job",
                    "GET",
                    "/api/v1/voice/generation/" + generation,
                    () -> u.stranger().get("/api/v1/voice/generation/" + generation));
            sse("progress of a finished generation", user, "/api/v1/voice/generation/" + generation + "/progress");
        } else {
            section("(the ready clone names no generation job)");
        }
        call(
                "select a ready clone",
                "POST",
                "/api/v1/voice/clones/" + cloneId + "/select",
                () -> user.post("/api/v1/voice/clones/" + cloneId + "/select", null));
        return cloneId;
    }

    private void training(Users u, String sampleId, String cloneId) {
        section("training");
        ApiClient user = u.user();
        String train = "/api/v1/voice/samples/" + sampleId + "/train";
        String trainingId;
        try (VoiceBlocker ignored = new VoiceBlocker(u.other(), otherSampleId)) {
            ApiClient.Response started = call(
                    "train",
                    "POST",
                    train,
                    () -> user.post(
                            train,
                            Map.of(
                                    "clone_id",
                                    cloneId,
                                    "config",
                                    Map.of(
                                            "epochs",
                                            1,
                                            "batch_size",
                                            1,
                                            "learning_rate",
                                            0.001,
                                            "enable_timestamp_alignment",
                                            true))));
            trainingId = started.data().get("training_job_id").asText();
            call(
                    "a pending training",
                    "GET",
                    "/api/v1/voice/training/" + trainingId,
                    () -> user.get("/api/v1/voice/training/" + trainingId));
            call(
                    "train with zero epochs",
                    "POST",
                    train,
                    () -> user.post(train, Map.of("config", Map.of("epochs", 0))));
            call(
                    "train on another user's sample",
                    "POST",
                    train,
                    () -> u.stranger().post(train, Map.of("config", Map.of("epochs", 1))));
        }
        JsonNode done = user.await(
                "/api/v1/voice/training/" + trainingId,
                t -> List.of("completed", "failed").contains(t.get("status").asText()),
                SLOW);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        // The training refines the clone: read the clone again only once it is ready.
        user.await(
                "/api/v1/voice/clones/" + cloneId, c -> c.get("status").asText().equals("ready"), SLOW);
        call(
                "a completed training",
                "GET",
                "/api/v1/voice/training/" + trainingId,
                () -> user.get("/api/v1/voice/training/" + trainingId));
        call(
                "another user's training",
                "GET",
                "/api/v1/voice/training/" + trainingId,
                () -> u.stranger().get("/api/v1/voice/training/" + trainingId));
        sse("progress of a completed training", user, "/api/v1/voice/training/" + trainingId + "/progress");
    }

    private void library(Users u, String cloneId) {
        section("voice library, search, favorites, ratings");
        ApiClient user = u.user();
        String page = "/api/v1/voice/models?limit=5&offset=0";
        call("list voice models", "GET", page, () -> user.get(page));
        call("the same page again, from the cache", "GET", page, () -> user.get(page));
        call(
                "filter by tags, language and type",
                "GET",
                "/api/v1/voice/models?tags=female,gentle&language=zh-CN&type=preset&limit=10&offset=0",
                () -> user.get("/api/v1/voice/models?tags=female,gentle&language=zh-CN&type=preset&limit=10&offset=0"));
        call(
                "the caller's clones in the library",
                "GET",
                "/api/v1/voice/models?type=custom",
                () -> user.get("/api/v1/voice/models?type=custom"));
        String search = "/api/v1/voice/models?q="
                + URLEncoder.encode("a warm calm female narrator", StandardCharsets.UTF_8) + "&limit=3";
        call("semantic search", "GET", search, () -> user.get(search));
        call(
                "sorted by rating",
                "GET",
                "/api/v1/voice/models?sort_by=user_rating&limit=3",
                () -> user.get("/api/v1/voice/models?sort_by=user_rating&limit=3"));
        call(
                "an invalid type filter",
                "GET",
                "/api/v1/voice/models?type=robot",
                () -> user.get("/api/v1/voice/models?type=robot"));
        String preset = "/api/v1/voice/models/preset_gentle_female_001";
        call("a preset's details", "GET", preset, () -> user.get(preset));
        call(
                "a clone's details",
                "GET",
                "/api/v1/voice/models/" + cloneId,
                () -> user.get("/api/v1/voice/models/" + cloneId));
        call(
                "another user's clone in the library",
                "GET",
                "/api/v1/voice/models/" + cloneId,
                () -> u.stranger().get("/api/v1/voice/models/" + cloneId));
        call(
                "an unknown voice model",
                "GET",
                "/api/v1/voice/models/no_such_voice",
                () -> user.get("/api/v1/voice/models/no_such_voice"));
        call("a preview", "GET", preset + "/preview", () -> user.get(preset + "/preview"));
        call("a preview's audio", "GET", preset + "/preview/audio", () -> user.get(preset + "/preview/audio"));
        call("add a favorite", "POST", preset + "/favorite", () -> user.post(preset + "/favorite", null));
        call(
                "favorites only",
                "GET",
                "/api/v1/voice/models?favorite=true",
                () -> user.get("/api/v1/voice/models?favorite=true"));
        call("remove a favorite", "DELETE", preset + "/favorite", () -> user.delete(preset + "/favorite"));
        call(
                "favorite an unknown voice",
                "POST",
                "/api/v1/voice/models/no_such_voice/favorite",
                () -> user.post("/api/v1/voice/models/no_such_voice/favorite", null));
        call("rate a voice", "PUT", preset + "/rating", () -> user.put(preset + "/rating", Map.of("rating", 5)));
        call("rate out of range", "PUT", preset + "/rating", () -> user.put(preset + "/rating", Map.of("rating", 9)));
        call("a rated preset's details", "GET", preset, () -> user.get(preset));
        call("withdraw a rating", "DELETE", preset + "/rating", () -> user.delete(preset + "/rating"));
    }

    private void webhooksAndAudit(Users u, Job job, String sampleId, String cloneId) {
        section("webhooks and audit");
        ApiClient user = u.user();
        call("the webhook secret", "GET", "/api/v1/webhooks/secret", () -> user.get("/api/v1/webhooks/secret"));
        call(
                "rotate the webhook secret",
                "POST",
                "/api/v1/webhooks/secret/rotate",
                () -> user.post("/api/v1/webhooks/secret/rotate", null));
        call(
                "a job's events",
                "GET",
                "/api/v1/audit/jobs/" + job.id() + "/events",
                () -> user.get("/api/v1/audit/jobs/" + job.id() + "/events"));
        call(
                "another user's job events",
                "GET",
                "/api/v1/audit/jobs/" + job.id() + "/events",
                () -> u.stranger().get("/api/v1/audit/jobs/" + job.id() + "/events"));
        String now = Instant.now().toString();
        call(
                "a job's state as of now",
                "GET",
                "/api/v1/audit/jobs/" + job.id() + "/state?at=" + now,
                () -> user.get("/api/v1/audit/jobs/" + job.id() + "/state?at=" + now));
        call(
                "a job's state at an invalid time",
                "GET",
                "/api/v1/audit/jobs/" + job.id() + "/state?at=yesterday",
                () -> user.get("/api/v1/audit/jobs/" + job.id() + "/state?at=yesterday"));
        call(
                "a sample's events",
                "GET",
                "/api/v1/audit/samples/" + sampleId + "/events",
                () -> user.get("/api/v1/audit/samples/" + sampleId + "/events"));
        call(
                "a clone's events",
                "GET",
                "/api/v1/audit/clones/" + cloneId + "/events",
                () -> user.get("/api/v1/audit/clones/" + cloneId + "/events"));
        call("the event log as a user", "GET", "/api/v1/audit/events", () -> user.get("/api/v1/audit/events"));
        call(
                "the event log of a job, as an administrator",
                "GET",
                "/api/v1/audit/events?aggregate_id=" + job.id(),
                () -> u.admin().get("/api/v1/audit/events?aggregate_id=" + job.id()));
        call(
                "the event log with an invalid limit",
                "GET",
                "/api/v1/audit/events?limit=0",
                () -> u.admin().get("/api/v1/audit/events?limit=0"));
    }

    private void deletions(Users u, Job job, String sampleId, String cloneId) {
        section("deletions");
        ApiClient user = u.user();
        call(
                "delete another user's job",
                "DELETE",
                "/api/v1/job/" + job.id(),
                () -> u.stranger().delete("/api/v1/job/" + job.id()));
        call("delete a job", "DELETE", "/api/v1/job/" + job.id(), () -> user.delete("/api/v1/job/" + job.id()));
        call("a deleted job", "GET", "/api/v1/job/" + job.id(), () -> user.get("/api/v1/job/" + job.id()));
        call("delete a deleted job", "DELETE", "/api/v1/job/" + job.id(), () -> user.delete("/api/v1/job/" + job.id()));
        call(
                "delete another user's clone",
                "DELETE",
                "/api/v1/voice/clones/" + cloneId,
                () -> u.stranger().delete("/api/v1/voice/clones/" + cloneId));
        call(
                "delete a clone",
                "DELETE",
                "/api/v1/voice/clones/" + cloneId,
                () -> user.delete("/api/v1/voice/clones/" + cloneId));
        call(
                "a deleted clone",
                "GET",
                "/api/v1/voice/clones/" + cloneId,
                () -> user.get("/api/v1/voice/clones/" + cloneId));
        call(
                "delete another user's sample",
                "DELETE",
                "/api/v1/voice/samples/" + sampleId,
                () -> u.stranger().delete("/api/v1/voice/samples/" + sampleId));
        call(
                "delete a sample",
                "DELETE",
                "/api/v1/voice/samples/" + sampleId,
                () -> user.delete("/api/v1/voice/samples/" + sampleId));
        call(
                "a deleted sample",
                "GET",
                "/api/v1/voice/samples/" + sampleId,
                () -> user.get("/api/v1/voice/samples/" + sampleId));
    }

    private void admin(Users u) {
        section("admin");
        ApiClient admin = u.admin();
        call(
                "the configuration as a user",
                "GET",
                "/api/v1/admin/config",
                () -> u.user().get("/api/v1/admin/config"));
        ApiClient.Response config =
                call("the configuration", "GET", "/api/v1/admin/config", () -> admin.get("/api/v1/admin/config"));
        long version = config.data().get("version").asLong();
        call(
                "change the configuration",
                "PUT",
                "/api/v1/admin/config",
                () -> admin.put("/api/v1/admin/config", Map.of("version", version, "uploads_per_day", 100)));
        call(
                "change it from a stale version",
                "PUT",
                "/api/v1/admin/config",
                () -> admin.put("/api/v1/admin/config", Map.of("version", version, "uploads_per_day", 101)));
        call(
                "change it out of range",
                "PUT",
                "/api/v1/admin/config",
                () -> admin.put("/api/v1/admin/config", Map.of("requests_per_minute", 0)));
        call(
                "change an unknown setting",
                "PUT",
                "/api/v1/admin/config",
                () -> admin.put("/api/v1/admin/config", Map.of("colour", "blue")));
        call(
                "the users",
                "GET",
                "/api/v1/admin/users?limit=3&sort_by=created_at&sort_order=asc",
                () -> admin.get("/api/v1/admin/users?limit=3&sort_by=created_at&sort_order=asc"));
        call(
                "the users with an invalid sort",
                "GET",
                "/api/v1/admin/users?sort_by=shoe_size",
                () -> admin.get("/api/v1/admin/users?sort_by=shoe_size"));
        call(
                "make a user an auditor",
                "PATCH",
                "/api/v1/admin/users/" + u.strangerId(),
                () -> admin.patch("/api/v1/admin/users/" + u.strangerId(), Map.of("role", "auditor")));
        call(
                "change an unknown user",
                "PATCH",
                "/api/v1/admin/users/user_nobody",
                () -> admin.patch("/api/v1/admin/users/user_nobody", Map.of("is_active", false)));
        String adminId = admin.userId();
        call(
                "disable oneself",
                "PATCH",
                "/api/v1/admin/users/" + adminId,
                () -> admin.patch("/api/v1/admin/users/" + adminId, Map.of("is_active", false)));
        call(
                "change a user without fields",
                "PATCH",
                "/api/v1/admin/users/" + u.strangerId(),
                () -> admin.patch("/api/v1/admin/users/" + u.strangerId(), Map.of()));
        call("the statistics", "GET", "/api/v1/admin/stats", () -> admin.get("/api/v1/admin/stats"));
        call(
                "the statistics as a user",
                "GET",
                "/api/v1/admin/stats",
                () -> u.user().get("/api/v1/admin/stats"));
        call(
                "every user's jobs",
                "GET",
                "/api/v1/job?scope=all&limit=3",
                () -> admin.get("/api/v1/job?scope=all&limit=3"));
        call("the projections", "GET", "/api/v1/admin/projections", () -> admin.get("/api/v1/admin/projections"));
        call(
                "one projection",
                "GET",
                "/api/v1/admin/projections/jobs",
                () -> admin.get("/api/v1/admin/projections/jobs"));
        call(
                "an unknown projection",
                "GET",
                "/api/v1/admin/projections/no-such-processor",
                () -> admin.get("/api/v1/admin/projections/no-such-processor"));
        call(
                "replay a projection",
                "POST",
                "/api/v1/admin/projections/library/replay",
                () -> admin.post("/api/v1/admin/projections/library/replay", Map.of()));
        call(
                "replay a saga's processor",
                "POST",
                "/api/v1/admin/projections/SynthesisSagaProcessor/replay",
                () -> admin.post("/api/v1/admin/projections/SynthesisSagaProcessor/replay", Map.of()));
        call(
                "sweep orphan blobs",
                "POST",
                "/api/v1/admin/storage/sweep",
                () -> admin.post("/api/v1/admin/storage/sweep", Map.of()));
        call(
                "rescan the voices",
                "POST",
                "/api/v1/admin/voices/rescan",
                () -> admin.post("/api/v1/admin/voices/rescan", Map.of()));
    }

    /** Last, because they change the platform for every caller of this application. */
    private void limits(Users u) {
        section("quotas and rate limits");
        ApiClient admin = u.admin();
        call(
                "close syntheses for the day",
                "PUT",
                "/api/v1/admin/config",
                () -> admin.put("/api/v1/admin/config", Map.of("syntheses_per_day", 0)));
        call(
                "a job past the daily quota",
                "POST",
                "/api/v1/job",
                () -> u.user().post("/api/v1/job", Map.of("text_content", "One too many.")));
        call(
                "two requests a minute",
                "PUT",
                "/api/v1/admin/config",
                () -> admin.put("/api/v1/admin/config", Map.of("requests_per_minute", 2)));
        // The limited user has made no request of their own yet: two pass, the third is refused.
        ApiClient limited = u.limited();
        call("first of three requests", "GET", "/api/v1/auth/profile", () -> limited.get("/api/v1/auth/profile"));
        limited.get("/api/v1/auth/profile");
        call("third of three requests", "GET", "/api/v1/auth/profile", () -> limited.get("/api/v1/auth/profile"));
    }

    // --- Recording ---------------------------------------------------------------------------------------------

    private void section(String title) {
        out.add("");
        out.add("######## " + title);
    }

    private ApiClient.Response call(String label, String method, String path, Supplier<ApiClient.Response> request) {
        ApiClient.Response r = request.get();
        write(label, method, path, WireShape.of(r));
        return r;
    }

    /** A streamed audio answer: see {@link WireShape#ofStreamed}. */
    private void streamed(String label, String method, String path, Supplier<ApiClient.Response> request) {
        write(label, method, path, WireShape.ofStreamed(request.get()));
    }

    private void write(String label, String method, String path, List<String> lines) {
        out.add("");
        out.add("### " + label);
        out.add(method + " " + WireShape.normalise(path));
        out.addAll(lines);
    }

    /**
     * An event stream of a finished resource, read to its end: the answer's status and headers, then the
     * fields and data shape of its first and last events (heartbeat comments are timing, not shape).
     */
    private void sse(String label, ApiClient client, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (client.token() != null) {
            request.header("Authorization", "Bearer " + client.token());
        }
        List<String> lines = new ArrayList<>();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            HttpResponse<InputStream> r =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            lines.add("status: " + r.statusCode());
            lines.addAll(WireShape.headers(r.headers()));
            String contentType = r.headers().firstValue("Content-Type").orElse("");
            if (!contentType.startsWith("text/event-stream")) {
                try (InputStream body = r.body()) {
                    lines.addAll(WireShape.body(contentType, body.readAllBytes()));
                }
            } else {
                boolean[] cut = {false};
                InputStream body = r.body();
                watchdog.schedule(
                        () -> {
                            cut[0] = true;
                            body.close();
                            return null;
                        },
                        30,
                        TimeUnit.SECONDS);
                List<Map<String, String>> events = events(body);
                lines.add("events: " + (events.isEmpty() ? "none" : "at least one")
                        + (cut[0] ? ", stream still open after 30 s" : ", stream ended"));
                if (!events.isEmpty()) {
                    lines.addAll(event("first", events.get(0)));
                    lines.addAll(event("last", events.get(events.size() - 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            watchdog.shutdownNow();
        }
        write(label, "GET", path, lines);
    }

    private static List<Map<String, String>> events(InputStream body) {
        List<Map<String, String>> events = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!current.isEmpty()) {
                        events.add(current);
                        current = new LinkedHashMap<>();
                    }
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                    current.merge(field, value, (a, b) -> a + "\n" + b);
                }
            }
        } catch (IOException closedByTheWatchdog) {
            // what was read so far is the answer
        }
        if (!current.isEmpty()) {
            events.add(current);
        }
        return events;
    }

    private static List<String> event(String which, Map<String, String> event) {
        List<String> lines = new ArrayList<>();
        lines.add(which + " event fields: " + String.join(", ", new TreeSet<>(event.keySet())));
        if (event.containsKey("data")) {
            try {
                lines.addAll(WireShape.json(ApiClient.JSON.readTree(event.get("data")), "$"));
            } catch (IOException e) {
                lines.add("  data: not JSON");
            }
        }
        return lines;
    }

    /**
     * Another user's clone fitted at the best quality, holding the single voice worker (samples, clones and
     * training share it), so that voice work started meanwhile answers in its first state; closing deletes
     * the clone, which stops the fit at its next step and frees the worker.
     */
    private static final class VoiceBlocker implements AutoCloseable {
        private final ApiClient owner;
        private final String cloneId;

        VoiceBlocker(ApiClient owner, String sampleId) {
            this.owner = owner;
            ApiClient.Response created = owner.post(
                    "/api/v1/voice/clones",
                    Map.of(
                            "sample_ids",
                            List.of(sampleId),
                            "name",
                            "Holds the voice worker",
                            "config",
                            Map.of("quality", "best")));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            this.cloneId = created.data().get("clone_id").asText();
            owner.await(
                    "/api/v1/voice/clones/" + cloneId,
                    c -> c.get("status").asText().equals("training"),
                    SLOW);
        }

        @Override
        public void close() {
            JsonNode clone = owner.get("/api/v1/voice/clones/" + cloneId).data();
            assertThat(clone.get("status").asText())
                    .as("the fit outlasted what it had to hold: " + clone)
                    .isEqualTo("training");
            ApiClient.Response deleted = owner.delete("/api/v1/voice/clones/" + cloneId);
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        }
    }

    /**
     * Another user's long job holding the single worker, so that work started meanwhile answers in its
     * first state whatever the machine's speed; closing cancels it and waits until the worker is free.
     */
    private static final class Blocker implements AutoCloseable {
        private final ApiClient owner;
        private final String jobId;

        Blocker(ApiClient owner) {
            this.owner = owner;
            this.jobId = owner.createJob(Map.of(
                            "text_content",
                            "A long text that keeps the only worker busy while the examples run. ".repeat(60)))
                    .get("id")
                    .asText();
            owner.awaitJob(jobId, j -> j.get("status").asText().equals("processing"), SLOW);
        }

        @Override
        public void close() {
            ApiClient.Response cancel = owner.patch("/api/v1/job/" + jobId, Map.of("status", "cancelled"));
            assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
            owner.awaitJob(jobId, j -> j.get("status").asText().equals("cancelled"), SLOW);
        }
    }

    /** A line diff (longest common subsequence) showing only the changed lines and two lines around them. */
    static final class LineDiff {
        private LineDiff() {}

        static String of(String expected, String actual) {
            String[] a = expected.split("\n", -1);
            String[] b = actual.split("\n", -1);
            int[][] lcs = new int[a.length + 1][b.length + 1];
            for (int i = a.length - 1; i >= 0; i--) {
                for (int j = b.length - 1; j >= 0; j--) {
                    lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            List<String> ops = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < a.length || j < b.length) {
                if (i < a.length && j < b.length && a[i].equals(b[j])) {
                    ops.add("  " + a[i++]);
                    j++;
                } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                    ops.add("+ " + b[j++]);
                } else {
                    ops.add("- " + a[i++]);
                }
            }
            StringBuilder diff = new StringBuilder();
            int lastShown = -1;
            for (int k = 0; k < ops.size(); k++) {
                if (ops.get(k).startsWith("  ")) {
                    continue;
                }
                int from = Math.max(Math.max(0, k - 2), lastShown + 1);
                if (from > lastShown + 1 || lastShown < 0) {
                    diff.append(step(ops, from)).append('\n');
                }
                int to = Math.min(ops.size() - 1, k + 2);
                for (int m = from; m <= to; m++) {
                    diff.append(ops.get(m)).append('\n');
                }
                lastShown = to;
            }
            return diff.toString();
        }

        /** The call a hunk belongs to: the nearest "### label" above it and the request line after it. */
        private static String step(List<String> ops, int at) {
            for (int m = at; m >= 0; m--) {
                if (ops.get(m).substring(2).startsWith("### ")) {
                    String request = m + 1 < ops.size() ? ops.get(m + 1).substring(2) : "";
                    return "@@ " + ops.get(m).substring(6) + " (" + request + ")";
                }
            }
            return "@@ (top of the file)";
        }
    }
}
