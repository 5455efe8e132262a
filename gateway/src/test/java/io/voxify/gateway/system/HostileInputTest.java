package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.OpenApiFuzzer;
import io.voxify.gateway.support.RawHttp;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against the real application: JSON past every bound a body can break, hostile
 * SSML, and every operation of the OpenAPI document fuzzed; each answered below 500 and every
 * refusal in the envelope, promptly. The node's heap is measured before and after these runs.
 * The application is the one every HTTP test shares; what the fuzzing changes that other tests
 * rely on is put back (see the fuzzing test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    /** Generous: each of these is refused at its first bytes past a bound, in milliseconds when idle. */
    static final long PROMPT_MILLIS = 5_000;

    /** Hostile requests per operation; -Dvoxify.fuzz.tries=N for a longer hunt (QT_SEED=... replays one). */
    static final int TRIES = Integer.getInteger("voxify.fuzz.tries", 20);
    /** What the hostile runs may leave on the heap once collected (caches, counters, read models). */
    static final long HEAP_GROWTH_BOUND = 128L * 1024 * 1024;

    private static RunningApp app;
    private static ApiClient user;
    private static String userEmail;
    private static ApiClient admin;
    private static long heapBefore;
    private static final HeapSampler sampler = new HeapSampler();

    @BeforeAll
    static void start() {
        app = RunningApp.shared();
        userEmail = "fuzz-" + UUID.randomUUID() + "@example.com";
        user = register(userEmail);
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        assertStillServing();
        heapBefore = HeapSampler.liveHeap();
        sampler.start();
    }

    @AfterAll
    static void stop() {
        sampler.interrupt();
    }

    private static ApiClient register(String email) {
        ApiClient.Response registered = app.client()
                .post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                email,
                                "password",
                                ApiClient.PASSWORD,
                                "first_name",
                                "Fuzz",
                                "last_name",
                                "User"));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return app.client().login(email, ApiClient.PASSWORD);
    }

    /** The routes a body reaches: a public one (anyone can send it) and two of a signed-in user. */
    static Stream<Arguments> jsonRoutes() {
        return Stream.of(
                Arguments.of("/api/v1/auth/login", false),
                Arguments.of("/api/v1/job", true),
                Arguments.of("/v1/audio/speech", true));
    }

    private static List<String[]> jsonHeaders(boolean signedIn) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "application/json"});
        if (signedIn) {
            headers.add(new String[] {"Authorization", "Bearer " + user.token()});
        }
        return headers;
    }

    private static RawHttp.Response post(String path, boolean signedIn, String body) {
        return RawHttp.send(
                app.port(),
                RawHttp.request("POST", path, jsonHeaders(signedIn), body.getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(30));
    }

    static void assertRefused(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertEnvelope(r);
        assertThat(r.json().path("error").path("code").asText()).as(r.text()).isEqualTo(code);
        assertThat(r.millis()).as("answered in %d ms", r.millis()).isLessThan(PROMPT_MILLIS);
    }

    static void assertEnvelope(RawHttp.Response r) {
        assertThat(r.header("content-type")).as(r.text()).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json).as(r.text()).isNotNull();
        assertThat(json.path("success").isBoolean() && !json.path("success").asBoolean())
                .as(r.text())
                .isTrue();
        assertThat(json.path("error").path("code").isTextual()).as(r.text()).isTrue();
        assertThat(json.path("error").path("message").isTextual()).as(r.text()).isTrue();
        assertThat(json.path("error").has("details")).as(r.text()).isTrue();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonRoutes")
    void bodiesPastTheSizeLimitAre413BeforeTheyAreRead(String path, boolean signedIn) {
        String twoMegabytes = "{\"text_content\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        assertRefused(post(path, signedIn, twoMegabytes), 413, "PAYLOAD_TOO_LARGE");

        // Without a Content-Length the size is learnt by reading, and reading stops at the limit.
        byte[] chunked = RawHttp.chunkedRequest(
                "POST", path, jsonHeaders(signedIn), twoMegabytes.getBytes(StandardCharsets.UTF_8), 64 * 1024);
        assertRefused(RawHttp.send(app.port(), chunked, Duration.ofSeconds(30)), 413, "PAYLOAD_TOO_LARGE");

        // A gigabyte announced, a few bytes sent: refused from the header, nothing waited for.
        List<String[]> headers = jsonHeaders(signedIn);
        headers.add(new String[] {"Content-Length", "1073741824"});
        assertRefused(
                RawHttp.send(app.port(), RawHttp.request("POST", path, headers, null), Duration.ofSeconds(30)),
                413,
                "PAYLOAD_TOO_LARGE");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonRoutes")
    void deeplyNestedJsonIsRefusedAtTheDepthBound(String path, boolean signedIn) {
        RawHttp.Response arrays = post(path, signedIn, "[".repeat(100_000) + "]".repeat(100_000));
        assertRefused(arrays, 400, "INVALID_JSON");
        assertThat(arrays.json().path("error").path("details").path("reason").asText())
                .contains("nested deeper");
        assertRefused(post(path, signedIn, "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)), 400, "INVALID_JSON");
        // Unclosed: the parser must stop at the bound, not wait for the end.
        assertRefused(post(path, signedIn, "{\"text_content\":" + "[".repeat(400_000)), 400, "INVALID_JSON");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonRoutes")
    void hugeNumbersAreRefusedNotComputed(String path, boolean signedIn) {
        for (String number : List.of("1e999999999", "-1e999999999", "1e-999999999", "123456789012345678901234567890")) {
            RawHttp.Response r = post(path, signedIn, "{\"speed\": " + number + ", \"password\": " + number + "}");
            assertThat(r.status()).as(number + ": " + r.text()).isBetween(400, 499);
            assertEnvelope(r);
            assertThat(r.millis()).isLessThan(PROMPT_MILLIS);
        }
        RawHttp.Response longNumber = post(path, signedIn, "{\"speed\": " + "9".repeat(900_000) + "}");
        assertRefused(longNumber, 400, "INVALID_JSON");
        assertThat(longNumber
                        .json()
                        .path("error")
                        .path("details")
                        .path("reason")
                        .asText())
                .contains("number");
        assertRefused(post(path, signedIn, "{\"speed\": 0." + "0".repeat(900_000) + "1}"), 400, "INVALID_JSON");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonRoutes")
    void longStringsManyKeysAndRepeatedKeysAreRefused(String path, boolean signedIn) {
        RawHttp.Response longString = post(path, signedIn, "{\"text_content\": \"" + "é".repeat(400_000) + "\"}");
        assertThat(longString.status()).as(longString.text()).isBetween(400, 499);
        assertEnvelope(longString);

        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 60_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        RawHttp.Response manyKeys = post(path, signedIn, many.append('}').toString());
        assertThat(manyKeys.status()).as(manyKeys.text()).isBetween(400, 499);
        assertEnvelope(manyKeys);
        assertThat(manyKeys.millis()).isLessThan(PROMPT_MILLIS);

        RawHttp.Response longName = post(path, signedIn, "{\"" + "n".repeat(100_000) + "\": 1}");
        assertRefused(longName, 400, "INVALID_JSON");
        assertThat(longName.json().path("error").path("details").path("reason").asText())
                .contains("field name");

        RawHttp.Response repeated = post(
                path,
                signedIn,
                "{\"email\": \"a@example.com\", \"text_content\": \"Hello\", \"text_content\": \"Bye\"}");
        assertRefused(repeated, 400, "INVALID_JSON");
        assertThat(repeated.json().path("error").path("details").path("reason").asText())
                .isEqualTo("a field appears more than once");
    }

    @Order(1)
    @Test
    void theNodeStillAnswersAfterHugeJson() {
        assertStillServing();
    }

    /**
     * Documents an attacker would try on an XML reader, each with what the refusal must name.
     * {@code FETCH} stands for a URL on a local listener that records any connection, so "nothing
     * fetched" is observed rather than assumed.
     */
    static Stream<Arguments> hostileSsml() {
        String laughs = "<!DOCTYPE speak [<!ENTITY l0 \"ha\">"
                + IntStream.range(1, 10)
                        .mapToObj(i -> "<!ENTITY l" + i + " \"" + ("&l" + (i - 1) + ";").repeat(10) + "\">")
                        .collect(Collectors.joining())
                + "]><speak>&l9;</speak>";
        return Stream.of(
                Arguments.of(
                        "external entity (XXE)",
                        "<!DOCTYPE speak [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + "<speak>&e;</speak>",
                        "DOCTYPE"),
                Arguments.of(
                        "external entity over the network",
                        "<!DOCTYPE speak [<!ENTITY e SYSTEM \"FETCH\">]>" + "<speak>&e;</speak>",
                        "DOCTYPE"),
                Arguments.of("external DTD", "<!DOCTYPE speak SYSTEM \"FETCH\"><speak>Hello</speak>", "DOCTYPE"),
                Arguments.of(
                        "parameter entity",
                        "<!DOCTYPE speak [<!ENTITY % p SYSTEM \"FETCH\"> %p;]>" + "<speak>Hello</speak>",
                        "DOCTYPE"),
                Arguments.of("billion laughs", laughs, "DOCTYPE"),
                Arguments.of("undeclared entity", "<speak>&e;</speak>", "entity"),
                Arguments.of(
                        "XInclude",
                        "<speak xmlns:xi=\"http://www.w3.org/2001/XInclude\">Hi "
                                + "<xi:include href=\"FETCH\" parse=\"text\"/></speak>",
                        "unknown element"),
                Arguments.of(
                        "processing instruction",
                        "<?xml-stylesheet href=\"FETCH\"?><speak>Hello</speak>",
                        "processing instructions"),
                Arguments.of(
                        "processing instruction inside",
                        "<speak>Hello <?php system('id'); ?></speak>",
                        "processing instructions"),
                Arguments.of("audio element", "<speak>Hi <audio src=\"FETCH\"/></speak>", "unknown element <audio>"),
                Arguments.of(
                        "nested past the bound",
                        "<speak>" + "<prosody rate=\"fast\">".repeat(40) + "deep" + "</prosody>".repeat(40)
                                + "</speak>",
                        "nested more than"),
                Arguments.of("nested 20,000 deep", "<speak>" + "<prosody rate=\"fast\">".repeat(20_000), "characters"),
                Arguments.of(
                        "huge attribute", "<speak><mark name=\"" + "a".repeat(9_000) + "\"/>Hi</speak>", "<mark> name"),
                Arguments.of(
                        "attribute past the text limit",
                        "<speak><mark name=\"" + "a".repeat(200_000) + "\"/>Hi</speak>",
                        "characters"),
                Arguments.of("endless break", "<speak>Wait <break time=\"99999999s\"/> now</speak>", "at most 10s"),
                Arguments.of(
                        "break of many digits",
                        "<speak>Wait <break time=\"" + "9".repeat(5_000) + "ms\"/> now</speak>",
                        "at most 10s"),
                Arguments.of(
                        "breaks adding up",
                        "<speak>" + "Wait <break time=\"10s\"/>".repeat(7) + "</speak>",
                        "add up to more than 60s"),
                Arguments.of("rate out of range", "<speak><prosody rate=\"100000%\">Fast</prosody></speak>", "rate"),
                Arguments.of("negative rate", "<speak><prosody rate=\"-50%\">Slow</prosody></speak>", "rate"),
                Arguments.of("rate NaN", "<speak><prosody rate=\"NaN\">Odd</prosody></speak>", "rate"),
                Arguments.of("pitch out of range", "<speak><prosody pitch=\"+1000st\">High</prosody></speak>", "pitch"),
                Arguments.of("pitch Infinity", "<speak><prosody pitch=\"Infinity%\">High</prosody></speak>", "pitch"),
                Arguments.of(
                        "volume out of range", "<speak><prosody volume=\"+1000dB\">Loud</prosody></speak>", "volume"),
                Arguments.of(
                        "huge cardinal",
                        "<speak><say-as interpret-as=\"cardinal\">" + "9".repeat(9_000) + "</say-as></speak>",
                        "15 digits"),
                Arguments.of("invalid character reference", "<speak>Null &#0; here</speak>", "malformed XML"),
                Arguments.of("reference past Unicode", "<speak>Far &#x110000; away</speak>", "malformed XML"),
                Arguments.of("raw null byte", "<speak>Null \u0000 here</speak>", "malformed XML"),
                Arguments.of("lone surrogate", "<speak>Half \uD800 a pair</speak>", "malformed XML"),
                Arguments.of("language path", "<speak xml:lang=\"../../etc/passwd\">Hi</speak>", "xml:lang"),
                Arguments.of(
                        "foreign namespace",
                        "<speak><x:prosody xmlns:x=\"urn:evil\" rate=\"fast\">Hi" + "</x:prosody></speak>",
                        "unknown element"));
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileSsml")
    void hostileSsmlIsRefusedNamingTheProblemAndNothingIsFetched(String name, String document, String reason)
            throws Exception {
        try (java.net.ServerSocket listener =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1);
            String fetch = "http://127.0.0.1:" + listener.getLocalPort() + "/evil";
            Map<String, Object> body = Map.of("text_content", document.replace("FETCH", fetch), "text_format", "ssml");
            RawHttp.Response r = RawHttp.send(
                    app.port(),
                    RawHttp.request("POST", "/api/v1/job", jsonHeaders(true), ApiClient.JSON.writeValueAsBytes(body)),
                    Duration.ofSeconds(30));
            assertRefused(r, 400, "VALIDATION_ERROR");
            JsonNode details = r.json().path("error").path("details");
            String named = details.has("reason") ? details.path("reason").asText() : details.toString();
            assertThat(named).as(r.text()).containsIgnoringCase(reason);
            assertThat(r.text()).doesNotContain("root:").doesNotContain("hahaha");
            try (java.net.Socket fetched = listener.accept()) {
                throw new AssertionError("The server connected to " + fetch + " while reading " + name);
            } catch (java.net.SocketTimeoutException nothingFetched) {
                // as it should be
            }
        }
    }

    /**
     * Nested prosody multiplies (20 levels of x-slow would be a millionth of the speed); the
     * synthesizer keeps the product within the API's range, so the audio is as long as one x-slow.
     */
    @Order(2)
    @Test
    void compoundedProsodyIsHeldToTheApiRange() {
        String once = "<speak><prosody rate=\"x-slow\">Slowly now.</prosody></speak>";
        String compounded = "<speak>" + "<prosody rate=\"x-slow\">".repeat(20) + "Slowly now." + "</prosody>".repeat(20)
                + "</speak>";
        double[] seconds = new double[2];
        String[] documents = {once, compounded};
        for (int i = 0; i < 2; i++) {
            String id = user.createJob(Map.of("text_format", "ssml", "text_content", documents[i]))
                    .get("id")
                    .asText();
            JsonNode done = user.awaitJob(
                    id, j -> j.path("status").asText().matches("completed|failed"), Duration.ofSeconds(60));
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            seconds[i] = done.path("duration").asDouble();
        }
        assertThat(seconds[0]).isPositive();
        assertThat(seconds[1]).isCloseTo(seconds[0], org.assertj.core.data.Offset.offset(0.05));
    }

    @Order(2)
    @Test
    void aSoundDocumentIsStillAccepted() {
        ApiClient.Response r = user.post(
                "/api/v1/job",
                Map.of(
                        "text_format",
                        "ssml",
                        "text_content",
                        "<speak>Hello <break time=\"200ms\"/> <prosody rate=\"fast\">world</prosody></speak>"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    /**
     * Every operation of the OpenAPI document, {@link #TRIES} hostile requests each
     * ({@link OpenApiFuzzer}), sent as a signed-in user, as the administrator (most requests to
     * admin routes), anonymously and with a forged token. Every answer is below 500, every 4xx is
     * the envelope, every answer comes within a bound, and after each operation the node still
     * answers a health check and a normal request; another user's job, file or sample is never
     * reached (their ids are sent as the fuzzing user's, never an administrator's) and is whole at
     * the end. Nothing is skipped: every operation can be sent.
     * A few requests are sent in a way that keeps the run meaningful, not to spare the application:
     * a sign-out uses a session of its own (it would end the one the rest of the run uses); an
     * admin may change the platform configuration, which is put back at once (a limit of one
     * request a minute would turn the rest of the run into 429s); a projection replay is waited
     * for, so the read models are whole again for the tests that follow; the accounts an admin may
     * change are a victim's, never the fuzzing user's or the admin's own; and a job that is
     * created is cancelled, so the queue stays short for synchronous speech.
     */
    @Order(3)
    @TestFactory
    Stream<DynamicTest> everyOperationOfTheOpenApiDocumentWithstandsHostileParameters() {
        JsonNode document = app.client().get("/v3/api-docs").json();
        List<OpenApiFuzzer.Operation> operations = OpenApiFuzzer.operations(document);
        assertThat(operations).hasSizeGreaterThan(50);
        Map<String, List<String>> ids = resourceIds();
        Map<String, Object> config = adminConfig();
        System.out.printf(
                "Fuzzing %d operations of the OpenAPI document, %d requests each%n", operations.size(), TRIES);
        Stream<DynamicTest> fuzzing = operations.stream()
                .map(op -> DynamicTest.dynamicTest(op.name(), () -> {
                    org.quicktheories.QuickTheory.qt()
                            .withExamples(TRIES)
                            .withShrinkCycles(20)
                            .forAll(OpenApiFuzzer.requests(op, ids))
                            .checkAssert(request -> sendAndCheck(op, request, config));
                    assertStillServing();
                }));
        return Stream.concat(fuzzing, Stream.of(DynamicTest.dynamicTest("the other user's work is untouched", () -> {
            JsonNode job = other.get("/api/v1/job/" + otherJob).data();
            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(other.get("/api/v1/files/audio/" + job.path("file_id").asText())
                            .status())
                    .isEqualTo(200);
            assertThat(other.get("/api/v1/voice/samples/" + otherSample).status())
                    .isEqualTo(200);
        })));
    }

    private static ApiClient other;
    private static String otherJob;
    private static String otherSample;
    /** Another user's job, its audio file and sample: only an administrator may reach them. */
    private static List<String> foreignIds = List.of();

    /** Path-parameter values by name: the fuzzing user's resources, another user's, and nothing's. */
    private static Map<String, List<String>> resourceIds() {
        JsonNode own = completedJob(user);
        other = app.client().newUser();
        JsonNode others = completedJob(other);
        otherJob = others.get("id").asText();
        ApiClient.Response sample = other.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "Theirs"),
                "theirs.wav",
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav"));
        assertThat(sample.status()).as(sample.text()).isEqualTo(201);
        otherSample = sample.data().get("id").asText();
        foreignIds = List.of(otherJob, others.get("file_id").asText(), otherSample);
        String victim = app.client().newUser().userId();
        List<String> projections = new ArrayList<>();
        for (JsonNode p : admin.get("/api/v1/admin/projections").data()) {
            // A replay of the accounts read model would fail this run's own sign-ins (sign-outs use new sessions).
            if (!p.path("name").asText().equals("users")) {
                projections.add(p.path("name").asText());
            }
        }
        projections.add("nothing");
        String model = user.get("/api/v1/voice/models")
                .data()
                .get(0)
                .get("voice_model_id")
                .asText();
        return Map.of(
                "jobId", List.of(own.get("id").asText(), others.get("id").asText(), "job_00000000000000000000"),
                "id", List.of(own.get("id").asText(), others.get("id").asText(), otherSample, "job_nothing"),
                "fileId",
                        List.of(
                                own.get("file_id").asText(),
                                others.get("file_id").asText(),
                                "file_nothing"),
                "sampleId", List.of(otherSample, "vs_nothing"),
                "cloneId", List.of("vc_nothing"),
                "trainingJobId", List.of("tj_nothing"),
                "voiceModelId", List.of("default_voice_001", model, "vm_nothing"),
                "userId", List.of(victim, "user_nothing"),
                "name", projections);
    }

    private static JsonNode completedJob(ApiClient owner) {
        String id = owner.createJob(Map.of("text_content", "A job to aim at."))
                .get("id")
                .asText();
        return owner.awaitJob(id, j -> j.path("status").asText().equals("completed"), Duration.ofSeconds(60));
    }

    private static Map<String, Object> adminConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        admin.get("/api/v1/admin/config").data().fields().forEachRemaining(e -> {
            if (OpenApiFuzzer.FIELDS.containsKey(e.getKey()) && !e.getKey().equals("version")) {
                config.put(e.getKey(), ApiClient.JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return config;
    }

    private static void sendAndCheck(
            OpenApiFuzzer.Operation op, OpenApiFuzzer.Request generated, Map<String, Object> config) {
        OpenApiFuzzer.Request request = generated;
        List<String[]> headers = new ArrayList<>(request.headers());
        boolean foreign =
                foreignIds.stream().anyMatch(id -> generated.target().contains("/" + OpenApiFuzzer.encode(id)));
        if (foreign && request.caller() == OpenApiFuzzer.Caller.ADMIN) {
            // An administrator may delete or change anyone's job or sample: that would be no finding,
            // and the other user's work is checked at the end. Their ids go out as the fuzzing user's.
            request = new OpenApiFuzzer.Request(
                    request.method(), request.target(), OpenApiFuzzer.Caller.USER, request.headers(), request.body());
        }
        ApiClient caller = switch (request.caller()) {
            case USER -> user;
            case ADMIN -> admin;
            default -> null;
        };
        String token = caller == null ? null : caller.token();
        if (caller != null && op.name().equals("POST /api/v1/auth/logout")) {
            token = (caller == admin
                            ? app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD)
                            : app.client().login(userEmail, ApiClient.PASSWORD))
                    .token();
        }
        if (token != null) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        } else if (request.caller() == OpenApiFuzzer.Caller.FORGED) {
            headers.add(new String[] {
                "Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9."
            });
        }
        RawHttp.Response r = RawHttp.send(
                app.port(),
                RawHttp.request(request.method(), request.target(), headers, request.body()),
                Duration.ofSeconds(60));
        String context = request + "\n  answered " + r.status() + " in " + r.millis() + " ms: "
                + (r.text().length() > 600 ? r.text().substring(0, 600) + "…" : r.text());
        assertThat(r.status()).as(context).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.header("content-type")).as(context).startsWith("application/json");
            JsonNode json = r.json();
            assertThat(json).as(context).isNotNull();
            assertThat(json.path("success").isBoolean() && !json.path("success").asBoolean())
                    .as(context)
                    .isTrue();
            assertThat(json.path("error").path("code").isTextual()).as(context).isTrue();
            assertThat(json.path("error").path("message").isTextual())
                    .as(context)
                    .isTrue();
            assertThat(json.path("error").has("details")).as(context).isTrue();
        }
        assertThat(r.millis()).as(context).isLessThan(20_000);
        if (foreign) {
            assertThat(r.status()).as("another user's resource: " + context).isGreaterThanOrEqualTo(400);
        }
        if (r.status() < 300 && caller != null) {
            undo(op, r, caller, config);
        }
    }

    private static void undo(
            OpenApiFuzzer.Operation op, RawHttp.Response r, ApiClient caller, Map<String, Object> config) {
        if (op.name().equals("POST /api/v1/job") && r.json() != null) {
            caller.patch("/api/v1/job/" + r.json().path("data").path("id").asText(), Map.of("status", "cancelled"));
        } else if (op.name().equals("PUT /api/v1/admin/config")) {
            ApiClient.Response restored = admin.put("/api/v1/admin/config", config);
            assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        } else if (op.name().equals("POST /api/v1/admin/projections/{name}/replay") && r.json() != null) {
            admin.await(
                    "/api/v1/admin/projections/"
                            + r.json().path("data").path("name").asText(),
                    p -> p.path("replay_progress").isNull()
                            || p.path("replay_progress").isMissingNode(),
                    Duration.ofSeconds(60));
        }
    }

    /**
     * The node's heap (this JVM's: the application runs in it) once collected, before the hostile
     * runs and after them, and the highest heap use seen while they ran (garbage included, so an
     * upper bound on what the node needed).
     */
    @Order(9)
    @Test
    void theNodesHeapStaysBoundedThroughTheHostileRuns() {
        assertStillServing();
        long after = HeapSampler.liveHeap();
        long mb = 1024 * 1024;
        System.out.printf(
                "HostileInputTest heap: live %d MB before, %d MB after (growth %d MB); "
                        + "highest use while running %d MB; max heap %d MB%n",
                heapBefore / mb,
                after / mb,
                (after - heapBefore) / mb,
                sampler.peak / mb,
                Runtime.getRuntime().maxMemory() / mb);
        assertThat(after - heapBefore).as("live heap growth").isLessThan(HEAP_GROWTH_BOUND);
        assertThat(after).as("live heap").isLessThan(768L * mb);
    }

    /** Heap use every 20 ms. */
    static final class HeapSampler extends Thread {
        volatile long peak;

        HeapSampler() {
            super("hostile-heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            while (!isInterrupted()) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Used heap after full collections, when what is left is what is still referenced. */
        static long liveHeap() {
            java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                memory.gc();
                ApiClient.sleep(100);
            }
            return memory.getHeapMemoryUsage().getUsed();
        }
    }

    static void assertStillServing() {
        ApiClient.Response health = app.client().get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        ApiClient.Response profile = user.get("/api/v1/auth/profile");
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        ApiClient.Response job = user.post("/api/v1/job", Map.of("text_content", "Still here."));
        assertThat(job.status()).as(job.text()).isEqualTo(201);
    }
}
