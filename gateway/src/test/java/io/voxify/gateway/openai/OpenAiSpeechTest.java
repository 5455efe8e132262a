package io.voxify.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v1/audio/speech} as the official OpenAI SDKs call it: the exact bodies and headers of
 * openai-python 1.x and openai-node 4.x (their User-Agent, X-Stainless-* headers and
 * {@code Accept: application/octet-stream}), answered with real audio, while the platform records an
 * ordinary job with its audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSpeechTest {
    private static final String SPEECH = "/v1/audio/speech";
    private static final String TEXT = "The quick brown fox jumps over the lazy dog, twice over.";

    private final RunningApp app = RunningApp.shared();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApiClient user;

    @BeforeAll
    void signIn() {
        user = app.client().newUser();
    }

    /** The headers openai-python 1.x sends with {@code client.audio.speech.create(...)}. */
    private static Map<String, String> pythonSdkHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/octet-stream");
        h.put("Accept-Encoding", "gzip, deflate");
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "OpenAI/Python 1.59.7");
        h.put("X-Stainless-Lang", "python");
        h.put("X-Stainless-Package-Version", "1.59.7");
        h.put("X-Stainless-OS", "Linux");
        h.put("X-Stainless-Arch", "x64");
        h.put("X-Stainless-Runtime", "CPython");
        h.put("X-Stainless-Runtime-Version", "3.12.3");
        h.put("X-Stainless-Async", "false");
        h.put("x-stainless-retry-count", "0");
        h.put("x-stainless-read-timeout", "600");
        return h;
    }

    /** The headers openai-node 4.x sends (lower-case, as it writes them). */
    private static Map<String, String> jsSdkHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("accept", "application/octet-stream");
        h.put("content-type", "application/json");
        h.put("user-agent", "OpenAI/JS 4.77.0");
        h.put("x-stainless-lang", "js");
        h.put("x-stainless-package-version", "4.77.0");
        h.put("x-stainless-os", "Linux");
        h.put("x-stainless-arch", "x64");
        h.put("x-stainless-runtime", "node");
        h.put("x-stainless-runtime-version", "v20.20.2");
        h.put("x-stainless-retry-count", "0");
        return h;
    }

    private ApiClient.Response speak(String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + SPEECH))
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiClient.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ApiClient.Response speak(Map<String, Object> body) {
        try {
            return speak(user.token(), ApiClient.JSON.writeValueAsString(body), pythonSdkHeaders());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DecodedAudio decoded(ApiClient.Response r) {
        DecodedAudio audio = AudioDecoder.decode(r.body());
        assertThat(audio.durationSeconds()).as("decoded duration").isGreaterThan(0.5);
        return audio;
    }

    private static boolean isMp3(byte[] b) {
        boolean id3 = b.length > 3 && b[0] == 'I' && b[1] == 'D' && b[2] == '3';
        boolean frameSync = b.length > 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0;
        return id3 || frameSync;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.US_ASCII);
    }

    private static void assertEnvelope(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        // where the OpenAI SDKs read a refusal: body.error.message (and .code)
        assertThat(body.at("/error/message").isTextual()).isTrue();
        assertThat(body.at("/error/message").asText()).isNotBlank();
    }

    @Test
    void thePythonSdksRequestIsAnsweredWithMp3() {
        String body = "{\"input\": \"" + TEXT + "\", \"model\": \"tts-1\", \"voice\": \"alloy\", "
                + "\"response_format\": \"mp3\", \"speed\": 1.0}";
        ApiClient.Response r = speak(user.token(), body, pythonSdkHeaders());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("audio/mpeg");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(isMp3(r.body())).as("MP3 magic bytes").isTrue();
        assertThat(decoded(r).format()).isEqualTo("mp3");
        assertThat(r.header("X-Voxify-Job-Id")).startsWith("job");
        assertThat(r.header("X-RateLimit-Limit"))
                .as("counted by the rate limit like the API")
                .isNotNull();
    }

    @Test
    void theJsSdksRequestIsAnsweredWithWavAt24kHz() {
        String body = "{\"model\":\"gpt-4o-mini-tts\",\"voice\":\"onyx\",\"input\":\"" + TEXT
                + "\",\"instructions\":\"Speak in a cheerful tone.\",\"response_format\":\"wav\"}";
        ApiClient.Response r = speak(user.token(), body, jsSdkHeaders());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(ascii(r.body(), 0, 4)).isEqualTo("RIFF");
        assertThat(ascii(r.body(), 8, 4)).isEqualTo("WAVE");
        DecodedAudio audio = decoded(r);
        assertThat(audio.sampleRate()).isEqualTo(24_000);
        JsonNode job = user.get("/api/v1/job/" + r.header("X-Voxify-Job-Id")).data();
        assertThat(job.get("voice_model_id").asText())
                .as("onyx is the deep male preset")
                .isEqualTo("preset_en_us_male_002");
    }

    @Test
    void mp3IsTheDefaultAndFlacAndRawPcmAreMadeToo() {
        ApiClient.Response byDefault = speak(Map.of("model", "tts-1-hd", "input", "Hello there.", "voice", "nova"));
        assertThat(byDefault.status()).as(byDefault.text()).isEqualTo(200);
        assertThat(byDefault.header("Content-Type")).isEqualTo("audio/mpeg");
        assertThat(isMp3(byDefault.body())).isTrue();

        ApiClient.Response flac =
                speak(Map.of("model", "tts-1", "input", TEXT, "voice", "echo", "response_format", "flac"));
        assertThat(flac.status()).as(flac.text()).isEqualTo(200);
        assertThat(flac.header("Content-Type")).isEqualTo("audio/flac");
        assertThat(ascii(flac.body(), 0, 4)).isEqualTo("fLaC");
        double flacSeconds = decoded(flac).durationSeconds();

        ApiClient.Response pcm =
                speak(Map.of("model", "tts-1", "input", TEXT, "voice", "echo", "response_format", "pcm"));
        assertThat(pcm.status()).as(pcm.text()).isEqualTo(200);
        assertThat(pcm.header("Content-Type")).isEqualTo("audio/pcm");
        byte[] raw = pcm.body();
        assertThat(ascii(raw, 0, 4)).as("no container, only samples").isNotEqualTo("RIFF");
        assertThat(raw.length % 2).as("16-bit samples").isZero();
        double pcmSeconds = raw.length / 2.0 / 24_000;
        assertThat(pcmSeconds)
                .as("24 kHz 16-bit mono: the same speech as the FLAC")
                .isCloseTo(flacSeconds, org.assertj.core.data.Offset.offset(0.05));
        short peak = 0;
        for (int i = 0; i + 1 < raw.length; i += 2) {
            short s = (short) ((raw[i] & 0xff) | (raw[i + 1] << 8));
            peak = (short) Math.max(peak, Math.abs(s));
        }
        assertThat(peak).as("little-endian speech, not silence").isGreaterThan((short) 1000);
    }

    @Test
    void speedChangesTheDurationAndVoxifyVoiceIdsAreTakenAsTheyAre() {
        Map<String, Object> normal = new LinkedHashMap<>(Map.of(
                "model",
                "tts-1",
                "input",
                TEXT,
                "voice",
                "preset_en_us_male_001",
                "response_format",
                "wav",
                "speed",
                1.0));
        Map<String, Object> fast = new LinkedHashMap<>(normal);
        fast.put("speed", 2.0);
        ApiClient.Response atOne = speak(normal);
        ApiClient.Response atTwo = speak(fast);
        assertThat(atOne.status()).as(atOne.text()).isEqualTo(200);
        assertThat(atTwo.status()).as(atTwo.text()).isEqualTo(200);
        double one = decoded(atOne).durationSeconds();
        double two = decoded(atTwo).durationSeconds();
        assertThat(two).as("speed 2.0 against 1.0").isLessThan(one * 0.75);
        JsonNode job =
                user.get("/api/v1/job/" + atTwo.header("X-Voxify-Job-Id")).data();
        assertThat(job.get("voice_model_id").asText()).isEqualTo("preset_en_us_male_001");
        assertThat(job.get("speed").asDouble()).isEqualTo(2.0);
    }

    @Test
    void refusalsAreEnvelopesTheSdksCanRead() {
        ApiClient.Response unknownVoice = speak(Map.of("model", "tts-1", "input", TEXT, "voice", "no_such_voice"));
        assertEnvelope(unknownVoice, 404, "VOICE_MODEL_NOT_FOUND");
        assertThat(unknownVoice.json().at("/error/details/voice").asText()).isEqualTo("no_such_voice");

        ApiClient.Response empty = speak(Map.of("model", "tts-1", "input", "", "voice", "alloy"));
        assertEnvelope(empty, 400, "VALIDATION_ERROR");
        assertThat(empty.json().at("/error/details/input").asText()).contains("empty");

        ApiClient.Response tooLong = speak(Map.of("model", "tts-1", "input", "a".repeat(4097), "voice", "alloy"));
        assertEnvelope(tooLong, 400, "VALIDATION_ERROR");
        assertThat(tooLong.json().at("/error/details/input").asText()).contains("4096");

        for (double speed : new double[] {0.25, 0.4, 3.5, 4.0, 5.0}) {
            ApiClient.Response badSpeed =
                    speak(Map.of("model", "tts-1", "input", TEXT, "voice", "alloy", "speed", speed));
            assertEnvelope(badSpeed, 400, "VALIDATION_ERROR");
            assertThat(badSpeed.json().at("/error/details/speed").asText())
                    .contains("0.5")
                    .contains("3.0");
            assertThat(badSpeed.json().at("/error/message").asText())
                    .as("what an SDK shows its user")
                    .contains("speed must be between 0.5 and 3.0");
        }

        for (String format : new String[] {"opus", "aac", "ogg"}) {
            ApiClient.Response unsupported =
                    speak(Map.of("model", "tts-1", "input", TEXT, "voice", "alloy", "response_format", format));
            assertEnvelope(unsupported, 400, "VALIDATION_ERROR");
            assertThat(unsupported.json().at("/error/details/response_format").asText())
                    .contains("[mp3, wav, flac, pcm]");
        }

        ApiClient.Response badModel = speak(Map.of("model", "whisper-1", "input", TEXT, "voice", "alloy"));
        assertEnvelope(badModel, 400, "VALIDATION_ERROR");
        assertThat(badModel.json().at("/error/details/model").asText()).contains("tts-1");

        ApiClient.Response missing = speak(Map.of("input", TEXT));
        assertEnvelope(missing, 400, "MISSING_FIELDS");
        assertThat(missing.json().at("/error/details/missing_fields").toString())
                .contains("model", "voice");

        ApiClient.Response sse =
                speak(Map.of("model", "gpt-4o-mini-tts", "input", TEXT, "voice", "alloy", "stream_format", "sse"));
        assertEnvelope(sse, 400, "VALIDATION_ERROR");

        ApiClient.Response notJson = speak(user.token(), "{\"model\": ", pythonSdkHeaders());
        assertEnvelope(notJson, 400, "INVALID_JSON");

        ApiClient.Response huge = speak(
                user.token(),
                "{\"model\": \"tts-1\", \"voice\": \"alloy\", \"input\": \"" + "a".repeat(1_100_000) + "\"}",
                pythonSdkHeaders());
        assertEnvelope(huge, 413, "PAYLOAD_TOO_LARGE");

        ApiClient.Response get = user.get(SPEECH);
        assertThat(get.status()).as("POST only").isEqualTo(405);
        assertThat(get.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void withoutAValidTokenItIs401() {
        String body = "{\"input\": \"Hi\", \"model\": \"tts-1\", \"voice\": \"alloy\"}";
        ApiClient.Response none = speak(null, body, pythonSdkHeaders());
        assertEnvelope(none, 401, "UNAUTHORIZED");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

        ApiClient.Response bad = speak("sk-not-a-voxify-token", body, jsSdkHeaders());
        assertEnvelope(bad, 401, "INVALID_TOKEN");
    }

    @Test
    void theSpeechIsAnOrdinaryJobWithItsAuditTrailAndOnlyItsOwnerSeesIt() {
        String requestId = "openai-" + UUID.randomUUID();
        Map<String, String> headers = new LinkedHashMap<>(pythonSdkHeaders());
        headers.put("X-Request-Id", requestId);
        ApiClient.Response r = speak(
                user.token(),
                "{\"input\": \"Audited speech.\", \"model\": \"tts-1\", "
                        + "\"voice\": \"shimmer\", \"response_format\": \"wav\"}",
                headers);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("X-Request-Id")).isEqualTo(requestId);
        String jobId = r.header("X-Voxify-Job-Id");

        JsonNode listed = user.get("/api/v1/job?limit=100").data();
        List<String> ids = new ArrayList<>();
        listed.forEach(j -> ids.add(j.get("id").asText()));
        assertThat(ids).contains(jobId);
        JsonNode job = user.get("/api/v1/job/" + jobId).data();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("text_content").asText()).isEqualTo("Audited speech.");
        assertThat(job.get("voice_model_id").asText()).isEqualTo("default_voice_001");
        assertThat(job.get("output_format").asText()).isEqualTo("wav");
        assertThat(job.get("sample_rate").asInt()).isEqualTo(24_000);
        assertThat(job.get("file_id").asText()).isEqualTo(r.header("X-Voxify-File-Id"));
        ApiClient.Response file =
                user.get("/api/v1/files/audio/" + job.get("file_id").asText());
        assertThat(file.body()).as("the answer was the job's stored audio").isEqualTo(r.body());

        ApiClient.Response audit = user.get("/api/v1/audit/jobs/" + jobId + "/events");
        assertThat(audit.status()).as(audit.text()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        audit.data().forEach(events::add);
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("JobCreatedEvent");
        assertThat(types).contains("JobStartedEvent");
        assertThat(types.get(types.size() - 1)).isEqualTo("JobCompletedEvent");
        String userId = user.userId();
        for (JsonNode e : events) {
            assertThat(e.at("/metadata/request_id").asText()).isEqualTo(requestId);
            assertThat(e.at("/metadata/correlation_id").asText()).isEqualTo(requestId);
            assertThat(e.at("/metadata/user_id").asText()).isEqualTo(userId);
        }

        ApiClient stranger = app.client().newUser();
        assertThat(stranger.get("/api/v1/job/" + jobId).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/audit/jobs/" + jobId + "/events").status())
                .isEqualTo(404);
        JsonNode theirs = stranger.get("/api/v1/job?limit=100").data();
        theirs.forEach(j -> assertThat(j.get("id").asText()).isNotEqualTo(jobId));
    }

    @Test
    void browsersOnAllowedOriginsPassThePreflightWithTheSdksHeaders() {
        ApiClient.Response preflight = app.client()
                .options(
                        SPEECH,
                        Map.of(
                                "Origin",
                                RunningApp.ALLOWED_ORIGIN,
                                "Access-Control-Request-Method",
                                "POST",
                                "Access-Control-Request-Headers",
                                "authorization,content-type,x-stainless-lang,x-stainless-retry-count"));
        assertThat(preflight.status()).as(preflight.text()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(RunningApp.ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-stainless-lang");

        ApiClient.Response foreign = app.client()
                .options(SPEECH, Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theApiDocumentDescribesTheEndpointAndItsRefusals() {
        JsonNode docs = app.client().get("/v3/api-docs").json();
        JsonNode operation = docs.at("/paths/~1v1~1audio~1speech/post");
        assertThat(operation.isObject()).as("documented").isTrue();
        List<String> codes = new ArrayList<>();
        operation.path("x-error-codes").forEach(c -> codes.add(c.asText()));
        assertThat(codes)
                .contains(
                        "UNAUTHORIZED",
                        "INVALID_TOKEN",
                        "RATE_LIMITED",
                        "VALIDATION_ERROR",
                        "VOICE_MODEL_NOT_FOUND",
                        "QUOTA_EXCEEDED",
                        "PAYLOAD_TOO_LARGE");
        assertThat(operation.at("/responses/200/content").has("audio/mpeg")).isTrue();
        assertThat(operation.has("security")).isTrue();
    }
}
