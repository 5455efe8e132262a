package io.voxify.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-user caps on long-lived requests (progress streams, audio streams, synchronous speech), set in the admin
 * configuration: past its cap a user gets {@code 429 TOO_MANY_OPEN_REQUESTS} naming the cap, before any work
 * starts; other users are not affected; a slot comes back when its request ends. Waiting requests hold no
 * servlet thread: with four Tomcat threads, more speeches wait at once than there are threads, and a plain
 * read is still answered at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenRequestCapsTest {
    /** Keeps the only worker busy, so the jobs the streams follow stay unfinished while the test looks. */
    private static final String LONG_TEXT =
            "A long sentence that keeps the only worker busy for quite a while. ".repeat(60);

    private RunningApp app;
    private ApiClient admin;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        app = RunningApp.start(
                RunningApp.tempDir("voxify-caps-"),
                Map.of(
                        "voxify.synthesis.worker-threads", 1,
                        "server.tomcat.threads.max", 4,
                        "server.tomcat.threads.min-spare", 1));
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void configure(Map<String, Object> caps) {
        ApiClient.Response r = admin.put("/api/v1/admin/config", caps);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** A request whose answer is kept open: its status, and its body to read or to close (hanging up). */
    private record Open(int status, InputStream body) implements AutoCloseable {
        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private Open open(ApiClient user, String method, String path, String json, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + user.token())
                .header("Accept", accept)
                .timeout(Duration.ofMinutes(2));
        b = json == null
                ? b.GET()
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Open(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode envelope(Open refused) {
        try (refused) {
            return ApiClient.JSON.readTree(refused.body().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertCapped(JsonNode envelope, String cap, int limit) {
        assertThat(envelope.path("success").asBoolean(true)).isFalse();
        assertThat(envelope.at("/error/code").asText()).isEqualTo("TOO_MANY_OPEN_REQUESTS");
        assertThat(envelope.at("/error/details/cap").asText()).isEqualTo(cap);
        assertThat(envelope.at("/error/details/limit").asInt()).isEqualTo(limit);
        assertThat(envelope.at("/error/message").asText()).contains(cap);
    }

    private String longJob(ApiClient user) {
        return user.createJob(Map.of("text_content", LONG_TEXT, "output_format", "wav"))
                .get("id")
                .asText();
    }

    @Test
    void progressStreamsPastTheCapAreRefusedAndASlotComesBackWhenAStreamCloses() {
        configure(Map.of("max_event_streams_per_user", 2));
        ApiClient user = app.client().newUser();
        String job = longJob(user);
        String path = "/api/v1/job/" + job + "/progress";
        try (Open first = open(user, "GET", path, null, "text/event-stream");
                Open second = open(user, "GET", path, null, "text/event-stream")) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            Open third = open(user, "GET", path, null, "text/event-stream");
            assertThat(third.status()).isEqualTo(429);
            assertCapped(envelope(third), "max_event_streams_per_user", 2);

            ApiClient other = app.client().newUser();
            String otherJob = other.createJob(Map.of("text_content", "Another user's job."))
                    .get("id")
                    .asText();
            try (Open others = open(other, "GET", "/api/v1/job/" + otherJob + "/progress", null, "text/event-stream")) {
                assertThat(others.status()).as("another user is not affected").isEqualTo(200);
            }

            first.close(); // the server notices at the next heartbeat (a second in tests) and frees the slot
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int status;
            do {
                ApiClient.sleep(200);
                Open again = open(user, "GET", path, null, "text/event-stream");
                status = again.status();
                again.close();
            } while (status == 429 && System.nanoTime() < deadline);
            assertThat(status).as("a closed stream's slot comes back").isEqualTo(200);
        } finally {
            user.patch("/api/v1/job/" + job, Map.of("status", "cancelled"));
        }
    }

    @Test
    void audioStreamsPastTheCapAreRefusedBeforeAnyJobIsCreated() {
        configure(Map.of("max_audio_streams_per_user", 1));
        ApiClient user = app.client().newUser();
        String job = longJob(user);
        try (Open stream = open(user, "GET", "/api/v1/job/" + job + "/audio/stream?format=pcm", null, "*/*")) {
            assertThat(stream.status()).isEqualTo(200);
            Open second = open(user, "GET", "/api/v1/job/" + job + "/audio/stream?format=pcm", null, "*/*");
            assertThat(second.status()).isEqualTo(429);
            assertCapped(envelope(second), "max_audio_streams_per_user", 1);

            int jobsBefore = user.get("/api/v1/job")
                    .json()
                    .at("/meta/pagination/total_count")
                    .asInt();
            Open oneCall = open(user, "POST", "/api/v1/tts/stream", "{\"text_content\": \"Refused at once.\"}", "*/*");
            assertThat(oneCall.status()).isEqualTo(429);
            assertCapped(envelope(oneCall), "max_audio_streams_per_user", 1);
            assertThat(user.get("/api/v1/job")
                            .json()
                            .at("/meta/pagination/total_count")
                            .asInt())
                    .as("a refused one-call stream creates no job")
                    .isEqualTo(jobsBefore);
        } finally {
            user.patch("/api/v1/job/" + job, Map.of("status", "cancelled"));
        }
    }

    @Test
    void waitingSpeechesHoldNoServletThreadAndPastTheCapAreRefused() throws Exception {
        configure(Map.of("max_sync_speech_per_user", 2));
        ApiClient busy = app.client().newUser();
        String blocker = longJob(busy);
        busy.awaitJob(blocker, j -> j.get("status").asText().equals("processing"), Duration.ofSeconds(60));

        // Six speeches wait behind the long job: more than the four Tomcat threads.
        List<ApiClient> speakers = new ArrayList<>();
        List<CompletableFuture<ApiClient.Response>> waiting = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 3; i++) {
            ApiClient speaker = app.client().newUser();
            speakers.add(speaker);
            for (int j = 0; j < 2; j++) {
                waiting.add(CompletableFuture.supplyAsync(
                        () -> speaker.post(
                                "/v1/audio/speech",
                                Map.of("model", "tts-1", "input", "Waiting for my turn.", "voice", "alloy")),
                        clients));
            }
        }
        ApiClient first = speakers.get(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && first.get("/api/v1/job")
                                .json()
                                .at("/meta/pagination/total_count")
                                .asInt()
                        < 2) {
            ApiClient.sleep(100);
        }

        long started = System.nanoTime();
        ApiClient.Response read = app.client().newUser().get("/api/v1/voice/models?limit=1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a read is answered while six speeches wait on four threads")
                .isLessThan(Duration.ofSeconds(10));

        ApiClient.Response third =
                first.post("/v1/audio/speech", Map.of("model", "tts-1", "input", "One too many.", "voice", "alloy"));
        assertThat(third.status()).as(third.text()).isEqualTo(429);
        assertCapped(third.json(), "max_sync_speech_per_user", 2);

        busy.patch("/api/v1/job/" + blocker, Map.of("status", "cancelled"));
        for (CompletableFuture<ApiClient.Response> speech : waiting) {
            ApiClient.Response done = speech.get();
            assertThat(done.status()).as(done.text()).isEqualTo(200);
        }
        clients.shutdown();
        ApiClient.Response afterwards =
                first.post("/v1/audio/speech", Map.of("model", "tts-1", "input", "My turn again.", "voice", "alloy"));
        assertThat(afterwards.status()).as("the slots came back").isEqualTo(200);
    }
}
