package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.inference.SpeechSynthesizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin configuration and the limits it sets, each proved by crossing it over HTTP. */
class LimitsAndConfigTest {
    private static final String CONFIG = "/api/v1/admin/config";
    private final RunningApp app = RunningApp.shared();
    private ApiClient admin;
    private Map<String, Object> original;

    @BeforeEach
    void rememberTheConfiguration() {
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
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

    private JsonNode configure(Map<String, Object> change) {
        ApiClient.Response r = admin.put(CONFIG, change);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    @Test
    void onlyAdministratorsSeeOrChangeTheConfigurationAndEveryChangeIsAnEvent() {
        ApiClient user = app.client().newUser();
        assertThat(user.get(CONFIG).status()).isEqualTo(403);
        assertThat(user.put(CONFIG, Map.of("requests_per_minute", 5)).status()).isEqualTo(403);

        JsonNode before = admin.get(CONFIG).data();
        assertThat(before.get("syntheses_per_day").asInt()).isEqualTo(1000);
        assertThat(before.get("uploads_per_day").asInt()).isEqualTo(100);
        assertThat(before.get("max_upload_bytes").asLong()).isEqualTo(50L * 1024 * 1024);
        assertThat(before.get("max_text_length").asInt()).isEqualTo(10_000);

        JsonNode after = configure(Map.of("max_text_length", 5000));
        assertThat(after.get("max_text_length").asInt()).isEqualTo(5000);
        assertThat(after.get("version").asLong())
                .isGreaterThan(before.get("version").asLong());
        assertThat(after.get("updated_by").asText()).isEqualTo(admin.userId());
        assertThat(after.get("syntheses_per_day").asInt())
                .as("fields not sent keep their values")
                .isEqualTo(1000);
        ApiClient.Response stale = admin.put(
                CONFIG,
                Map.of("max_text_length", 4000, "version", before.get("version").asLong()));
        assertThat(stale.status()).as("a change built on an older version").isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("CONFLICT");
        assertThat(admin.get(CONFIG).data().get("max_text_length").asInt()).isEqualTo(5000);
        assertThat(admin.put(
                                CONFIG,
                                Map.of(
                                        "max_text_length",
                                        5000,
                                        "version",
                                        after.get("version").asLong()))
                        .status())
                .isEqualTo(200);

        ApiClient.Response events = admin.get("/api/v1/audit/events?type=PlatformConfigChangedEvent&limit=1000");
        JsonNode last = events.data().get(events.data().size() - 1);
        assertThat(last.get("payload").get("changed").toString()).isEqualTo("[\"maxTextLength\"]");
        assertThat(last.get("payload").get("config").get("max_text_length").asInt())
                .isEqualTo(5000);
        assertThat(last.get("metadata").get("user_id").asText()).isEqualTo(admin.userId());

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("requests_per_minute", 0),
                Map.of("requests_per_minute", "many"),
                Map.of("max_upload_bytes", 51L * 1024 * 1024),
                Map.of("default_voice_id", "vc_someone"),
                Map.of("default_voice_id", "no_such_voice"),
                Map.of("registration_open", "yes"),
                Map.of("login_window_seconds", 1),
                Map.of("colour", "blue"),
                Map.of("max_text_length", 2.5),
                Map.of("max_text_length", SpeechSynthesizer.MAX_TEXT_CHARS + 1))) {
            ApiClient.Response r = admin.put(CONFIG, bad);
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.errorCode()).as(bad.toString()).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().get("error").get("details").fieldNames().next())
                    .isEqualTo(bad.keySet().iterator().next());
        }
        assertThat(admin.raw("PUT", CONFIG, "application/json", "[1]".getBytes())
                        .errorCode())
                .isEqualTo("INVALID_JSON");
    }

    @Test
    void theSchemaListsEverySettingAndPutRefusesExactlyWhatItsBoundsExclude() {
        assertThat(app.client().newUser().get(CONFIG + "/schema").status()).isEqualTo(403);
        JsonNode schema = admin.get(CONFIG + "/schema").data();
        List<String> names = new ArrayList<>();
        schema.forEach(s -> names.add(s.get("name").asText()));
        List<String> keys = new ArrayList<>();
        admin.get(CONFIG).data().fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .as("the answer's settings, in the schema's order")
                .containsExactlyElementsOf(concat(names, List.of("version", "updated_at", "updated_by")));

        Map<String, JsonNode> byName = new HashMap<>();
        schema.forEach(s -> byName.put(s.get("name").asText(), s));
        assertThat(byName.get("max_text_length").get("max").asInt()).isEqualTo(SpeechSynthesizer.MAX_TEXT_CHARS);
        assertThat(byName.get("max_upload_bytes").get("max").asLong()).isEqualTo(50L * 1024 * 1024);
        assertThat(byName.get("requests_per_minute").get("default").asInt())
                .as("this node's default (RunningApp's)")
                .isEqualTo(1_000_000);
        assertThat(byName.get("syntheses_per_day").get("default").asInt()).isEqualTo(1000);
        assertThat(byName.get("login_window_seconds").get("default").asInt()).isEqualTo(900);
        assertThat(byName.get("allow_private_callbacks").get("type").asText()).isEqualTo("boolean");
        assertThat(byName.get("allow_private_callbacks").get("max").isNull()).isTrue();
        assertThat(byName.get("default_voice_id").get("max_length").asInt()).isEqualTo(128);
        assertThat(byName.get("default_voice_id").get("allowed_values"))
                .extracting(JsonNode::asText)
                .contains("default_voice_001", "preset_gentle_female_001")
                .noneMatch(v -> v.startsWith("vc_"));
        schema.forEach(s -> assertThat(s.get("label").asText()).as(s.toString()).isNotBlank());
        schema.forEach(
                s -> assertThat(s.get("description").asText()).as(s.toString()).isNotBlank());

        for (JsonNode s : schema) {
            if (!s.get("type").asText().equals("integer")) {
                continue;
            }
            String name = s.get("name").asText();
            long min = s.get("min").asLong();
            long max = s.get("max").asLong();
            for (long outside : List.of(min - 1, max + 1)) {
                ApiClient.Response r = admin.put(CONFIG, Map.of(name, outside));
                assertThat(r.status()).as(name + " " + outside).isEqualTo(400);
                assertThat(r.json().get("error").get("details").get(name).asText())
                        .isEqualTo("must be a whole number between " + min + " and " + max);
            }
        }
        JsonNode atTheBounds =
                configure(Map.of("max_text_length", SpeechSynthesizer.MAX_TEXT_CHARS, "login_window_seconds", 10));
        assertThat(atTheBounds.get("max_text_length").asInt()).isEqualTo(SpeechSynthesizer.MAX_TEXT_CHARS);
        assertThat(atTheBounds.get("login_window_seconds").asInt()).isEqualTo(10);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void theQuotasAndPerUserCapsAreSettingsLikeTheOthers() {
        Map<String, Integer> defaults = Map.of(
                "sample_processings_per_day",
                200,
                "clones_per_day",
                20,
                "trainings_per_day",
                10,
                "max_work_in_flight_per_user",
                2,
                "max_audio_streams_per_user",
                4,
                "max_event_streams_per_user",
                8,
                "max_sync_speech_per_user",
                2);
        JsonNode before = admin.get(CONFIG).data();
        defaults.forEach(
                (key, value) -> assertThat(before.get(key).asInt()).as(key).isEqualTo(value));
        if (before.get("version").asLong() == 0) {
            // The very first change names every setting (there was no configuration before it); on an
            // application no other test has configured yet, make it here so the change below names its own.
            configure(
                    Map.of("syntheses_per_day", before.get("syntheses_per_day").asInt()));
        }

        Map<String, Object> change = Map.of(
                "sample_processings_per_day",
                0,
                "clones_per_day",
                1_000_000,
                "trainings_per_day",
                3,
                "max_work_in_flight_per_user",
                1,
                "max_audio_streams_per_user",
                1000,
                "max_event_streams_per_user",
                5,
                "max_sync_speech_per_user",
                7);
        JsonNode answered = configure(change);
        JsonNode read = admin.get(CONFIG).data();
        change.forEach((key, value) -> {
            assertThat(answered.get(key).asInt()).as(key).isEqualTo(value);
            assertThat(read.get(key).asInt()).as(key).isEqualTo(value);
        });
        assertThat(read.get("syntheses_per_day").asInt())
                .as("fields not sent keep their values")
                .isEqualTo(before.get("syntheses_per_day").asInt());
        ApiClient.Response events = admin.get("/api/v1/audit/events?type=PlatformConfigChangedEvent&limit=1000");
        JsonNode last = events.data().get(events.data().size() - 1);
        assertThat(last.get("payload").get("changed"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(
                        "sampleProcessingsPerDay",
                        "clonesPerDay",
                        "trainingsPerDay",
                        "maxWorkInFlightPerUser",
                        "maxAudioStreamsPerUser",
                        "maxEventStreamsPerUser",
                        "maxSyncSpeechPerUser");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("sample_processings_per_day", -1),
                Map.of("clones_per_day", 1_000_001),
                Map.of("trainings_per_day", "ten"),
                Map.of("trainings_per_day", 2.5),
                Map.of("max_work_in_flight_per_user", 0),
                Map.of("max_audio_streams_per_user", 1001),
                Map.of("max_event_streams_per_user", 0),
                Map.of("max_sync_speech_per_user", -3),
                Map.of("max_sync_speech_per_user", true))) {
            ApiClient.Response r = admin.put(CONFIG, bad);
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.errorCode()).as(bad.toString()).isEqualTo("VALIDATION_ERROR");
            String key = bad.keySet().iterator().next();
            assertThat(r.json().get("error").get("details").get(key).asText())
                    .as(bad.toString())
                    .startsWith("must be a whole number between");
        }
        JsonNode unchanged = admin.get(CONFIG).data();
        change.forEach(
                (key, value) -> assertThat(unchanged.get(key).asInt()).as(key).isEqualTo(value));
    }

    @Test
    void aBurstPastTheRequestLimitGets429WithTheHeaders() {
        configure(Map.of("requests_per_minute", 15));
        ApiClient user = app.client().newUser();
        ApiClient other = app.client().newUser();
        List<Integer> statuses = new ArrayList<>();
        ApiClient.Response refused = null;
        for (int i = 0; i < 20; i++) {
            ApiClient.Response r = user.get("/api/v1/auth/profile");
            statuses.add(r.status());
            assertThat(r.header("X-RateLimit-Limit")).isEqualTo("15");
            if (r.status() == 200) {
                assertThat(Long.parseLong(r.header("X-RateLimit-Remaining"))).isLessThan(15);
            } else if (refused == null) {
                refused = r;
            }
        }
        assertThat(statuses.stream().filter(s -> s == 200).count())
                .as(statuses.toString())
                .isBetween(13L, 15L);
        assertThat(statuses.subList(15, 20)).containsOnly(429);
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(Long.parseLong(refused.header("X-RateLimit-Reset"))).isBetween(1L, 60L);
        assertThat(other.get("/api/v1/auth/profile").status())
                .as("another user has a bucket of their own")
                .isEqualTo(200);
        assertThat(user.get("/actuator/health").status())
                .as("health is never limited")
                .isEqualTo(200);
    }

    @Test
    void theDailySynthesisQuotaCountsOnlyJobsThatWereCreated() {
        configure(Map.of("syntheses_per_day", 2));
        ApiClient user = app.client().newUser();
        assertThat(user.post("/api/v1/job", Map.of("text_content", "x", "voice_model_id", "nope"))
                        .status())
                .isEqualTo(404);
        user.createJob(Map.of("text_content", "One."));
        user.createJob(Map.of("text_content", "Two."));
        ApiClient.Response third = user.post("/api/v1/job", Map.of("text_content", "Three."));
        assertThat(third.status()).as(third.text()).isEqualTo(429);
        assertThat(third.errorCode()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(third.json().get("error").get("details").get("limit").asInt())
                .isEqualTo(2);
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(app.client()
                        .newUser()
                        .post("/api/v1/job", Map.of("text_content", "Mine."))
                        .status())
                .isEqualTo(201);

        configure(Map.of("syntheses_per_day", 3));
        assertThat(user.post("/api/v1/job", Map.of("text_content", "Three again."))
                        .status())
                .as("a raised quota applies at once")
                .isEqualTo(201);
    }

    @Test
    void uploadLimitsComeFromTheConfiguration() {
        byte[] wav = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
        configure(Map.of("max_upload_bytes", wav.length - 1, "uploads_per_day", 1));
        ApiClient user = app.client().newUser();
        ApiClient.Response tooBig = user.multipart("/api/v1/voice/samples", Map.of("name", "Big"), "a.wav", wav);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.errorCode()).isEqualTo("FILE_TOO_LARGE");

        configure(Map.of("max_upload_bytes", 50L * 1024 * 1024));
        assertThat(user.multipart("/api/v1/voice/samples", Map.of("name", "First"), "a.wav", wav)
                        .status())
                .isEqualTo(201);
        byte[] second = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav");
        ApiClient.Response over = user.multipart("/api/v1/voice/samples", Map.of("name", "Second"), "b.wav", second);
        assertThat(over.status()).as(over.text()).isEqualTo(429);
        assertThat(over.errorCode()).isEqualTo("QUOTA_EXCEEDED");
    }

    @Test
    void registrationTextLengthAndDefaultVoiceFollowTheConfiguration() {
        configure(Map.of(
                "registration_open", false, "max_text_length", 20, "default_voice_id", "preset_gentle_female_001"));
        ApiClient.Response closed = app.client()
                .post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                "closed-" + UUID.randomUUID() + "@example.com",
                                "password",
                                ApiClient.PASSWORD));
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.errorCode()).isEqualTo("REGISTRATION_CLOSED");

        configure(Map.of("registration_open", true));
        ApiClient user = app.client().newUser();
        ApiClient.Response tooLong =
                user.post("/api/v1/job", Map.of("text_content", "This text is longer than twenty."));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json()
                        .get("error")
                        .get("details")
                        .get("text_content")
                        .asText())
                .contains("20");
        assertThat(user.createJob(Map.of("text_content", "Short one."))
                        .get("voice_model_id")
                        .asText())
                .isEqualTo("preset_gentle_female_001");
    }

    @Test
    void signInAttemptsAreThrottledPerAccountAndTheThrottleResets() {
        configure(Map.of("login_attempts_per_account", 3, "login_window_seconds", 10));
        ApiClient anonymous = app.client();
        String email = "throttle-" + UUID.randomUUID() + "@example.com";
        anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        Map<String, String> wrong = Map.of("email", email, "password", "Wrong-Pass-123");
        Map<String, String> right = Map.of("email", email, "password", ApiClient.PASSWORD);
        assertThat(anonymous.post("/api/v1/auth/login", right).status())
                .as("successes do not count")
                .isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous.post("/api/v1/auth/login", wrong).status()).isEqualTo(401);
        }
        ApiClient.Response throttled = anonymous.post("/api/v1/auth/login", right);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 10L);
        assertThat(anonymous
                        .post(
                                "/api/v1/auth/login",
                                Map.of(
                                        "email",
                                        "nobody-" + UUID.randomUUID() + "@example.com",
                                        "password",
                                        "Wrong-Pass-123"))
                        .status())
                .as("other accounts are not held up")
                .isEqualTo(401);

        ApiClient.sleep(Duration.ofSeconds(retryAfter).toMillis() + 200);
        assertThat(anonymous.post("/api/v1/auth/login", right).status())
                .as("the throttle resets")
                .isEqualTo(200);
    }
}
