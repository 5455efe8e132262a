package io.voxify.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.webhook.http.HttpCallbackTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Webhooks end to end: a real receiver on 127.0.0.1 gets signed POSTs when jobs end, retries follow
 * a short test schedule, every try is in the job's audit history, and this machine and private networks
 * are refused (at creation for a literal address, at delivery for a name) unless an administrator allows
 * them. The receiver being on loopback, the administrator allows private callbacks for these tests, and
 * the tests of refusals switch it off while they run. No test sends anything to a private network: a
 * private literal accepted while allowed is never resolved (see {@link #start()}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookTest {
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");
    private static final String LONG_TEXT =
            "A long sentence that keeps the worker busy for a while before it is done. ".repeat(120);

    private static RunningApp app;
    private static Receiver receiver;
    private static ApiClient user;
    private static ApiClient admin;

    record Call(String path, Map<String, List<String>> headers, byte[] body, Instant at) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        JsonNode json() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Answers each path with its scripted statuses in turn (then 200), and keeps every call. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String path = exchange.getRequestURI().getPath();
                calls.add(new Call(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
                List<Integer> script = scripts.getOrDefault(path, List.of());
                int status = script.isEmpty() ? 200 : script.remove(0);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<Call> callsTo(String path) {
            List<Call> list = new ArrayList<>();
            calls.forEach(c -> {
                if (c.path().equals(path)) {
                    list.add(c);
                }
            });
            return list;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        receiver = new Receiver();
        app = RunningApp.start(
                RunningApp.tempDir("voxify-webhooks-"),
                Map.of(
                        "voxify.webhooks.retry-delays", "200ms",
                        "voxify.webhooks.give-up-after", "PT4S",
                        "voxify.webhooks.connect-timeout", "PT0.5S",
                        "voxify.webhooks.total-timeout", "PT2S"));
        user = app.client().newUser();
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        app.bean(HttpCallbackTransport.class).useResolver(WebhookTest::testResolver);
        allowPrivateCallbacks(true);
    }

    /**
     * Names of the tests resolved as a private network's DNS would; literals of private networks never reach
     * a socket (as if the network were unreachable); everything else as the system resolves it.
     */
    private static InetAddress[] testResolver(String host) throws UnknownHostException {
        if (host.equals("intranet.voxify.test")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})};
        }
        if (host.equals("alias-of-loopback.voxify.test")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        InetAddress[] all = InetAddress.getAllByName(host);
        for (InetAddress address : all) {
            if (!address.isLoopbackAddress()) {
                throw new UnknownHostException("the tests call nothing but loopback: " + host);
            }
        }
        return all;
    }

    private static void allowPrivateCallbacks(boolean allow) {
        ApiClient.Response r = admin.put("/api/v1/admin/config", Map.of("allow_private_callbacks", allow));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().get("allow_private_callbacks").asBoolean()).isEqualTo(allow);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static JsonNode awaitWebhook(ApiClient client, String jobId, String state) {
        return client.awaitJob(
                jobId,
                j -> j.get("webhook").isObject()
                        && state.equals(j.get("webhook").get("state").asText()),
                Duration.ofSeconds(60));
    }

    private static List<JsonNode> history(ApiClient client, String jobId) {
        ApiClient.Response r = client.get("/api/v1/audit/jobs/" + jobId + "/events");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.data().forEach(events::add);
        return events;
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type").asText())).toList();
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(1)
    void aCompletedJobIsDeliveredOnceWithAValidSignature() throws Exception {
        String url = receiver.url("/hooks/completed");
        JsonNode created = user.createJob(Map.of("text_content", "Hello webhooks.", "callback_url", url));
        String jobId = created.get("id").asText();
        assertThat(created.get("callback_url").asText()).isEqualTo(url);
        assertThat(created.get("webhook").isNull()).isTrue();

        JsonNode job = awaitWebhook(user, jobId, "delivered");
        JsonNode webhook = job.get("webhook");
        assertThat(webhook.get("attempts").asInt()).isEqualTo(1);
        assertThat(webhook.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(webhook.get("event").asText()).isEqualTo("job.completed");
        assertThat(webhook.get("delivered_at").isTextual()).isTrue();
        assertThat(webhook.get("next_attempt_at").isNull()).isTrue();

        List<Call> calls = receiver.callsTo("/hooks/completed");
        assertThat(calls).hasSize(1);
        Call call = calls.get(0);
        assertThat(call.header("X-Voxify-Event")).isEqualTo("job.completed");
        assertThat(call.header("X-Voxify-Delivery"))
                .isEqualTo(webhook.get("delivery_id").asText());
        assertThat(call.header("User-Agent")).startsWith("Voxify-Webhooks/");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");

        String secret = user.get("/api/v1/webhooks/secret").data().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        Matcher signature = SIGNATURE.matcher(call.header("X-Voxify-Signature"));
        assertThat(signature.matches()).as(call.header("X-Voxify-Signature")).isTrue();
        long t = Long.parseLong(signature.group(1));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(120);
        String body = new String(call.body(), StandardCharsets.UTF_8);
        assertThat(signature.group(2)).isEqualTo(hmac(secret, t + "." + body));
        assertThat(signature.group(2))
                .as("another user's secret does not verify it")
                .isNotEqualTo(hmac(
                        app.client()
                                .newUser()
                                .get("/api/v1/webhooks/secret")
                                .data()
                                .get("secret")
                                .asText(),
                        t + "." + body));

        JsonNode payload = call.json();
        assertThat(payload.get("event").asText()).isEqualTo("job.completed");
        assertThat(payload.get("delivered_at").isTextual()).isTrue();
        assertThat(payload.get("job").get("id").asText()).isEqualTo(jobId);
        assertThat(payload.get("job").get("status").asText()).isEqualTo("completed");
        assertThat(payload.get("job").get("output_file_path").asText())
                .isEqualTo("/api/v1/files/audio/" + job.get("file_id").asText());
        assertThat(payload.get("job").get("callback_url").asText()).isEqualTo(url);

        List<JsonNode> events = history(user, jobId);
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertThat(types)
                .containsSubsequence(
                        "JobCompletedEvent", "WebhookDueEvent", "WebhookAttemptedEvent", "WebhookDeliveredEvent");
        JsonNode attempt = ofType(events, "WebhookAttemptedEvent").get(0).get("payload");
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.get("duration_ms").asLong()).isNotNegative();
        assertThat(user.get("/api/v1/audit/jobs/" + jobId + "/events").text()).doesNotContain(secret);

        ApiClient.sleep(500);
        assertThat(receiver.callsTo("/hooks/completed"))
                .as("delivered once, not again")
                .hasSize(1);
    }

    @Test
    @Order(2)
    void aReceiverFailingTwiceGetsThreeAttempts() {
        receiver.scripts.put("/hooks/flaky", Collections.synchronizedList(new ArrayList<>(List.of(500, 503))));
        String jobId = user.createJob(
                        Map.of("text_content", "Try, try again.", "callback_url", receiver.url("/hooks/flaky")))
                .get("id")
                .asText();

        JsonNode job = awaitWebhook(user, jobId, "delivered");
        assertThat(job.get("webhook").get("attempts").asInt()).isEqualTo(3);
        List<Call> calls = receiver.callsTo("/hooks/flaky");
        assertThat(calls).hasSize(3);
        assertThat(calls)
                .extracting(c -> c.header("X-Voxify-Delivery"))
                .as("one delivery id across retries")
                .containsOnly(job.get("webhook").get("delivery_id").asText());
        assertThat(calls).extracting(c -> c.header("X-Voxify-Attempt")).containsExactly("1", "2", "3");
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));

        List<JsonNode> attempts = ofType(history(user, jobId), "WebhookAttemptedEvent");
        assertThat(attempts)
                .extracting(a -> a.get("payload").get("status_code").asInt())
                .containsExactly(500, 503, 200);
        assertThat(attempts.get(0).get("payload").get("next_attempt_at").isTextual())
                .isTrue();
        assertThat(attempts.get(2).get("payload").get("next_attempt_at").isNull())
                .isTrue();
    }

    @Test
    @Order(3)
    void aFailedJobIsAnnouncedAsJobFailed() {
        String jobId = user.createJob(
                        Map.of("text_content", LONG_TEXT, "speed", 0.5, "callback_url", receiver.url("/hooks/failed")))
                .get("id")
                .asText();
        ApiClient.Response failed =
                admin.patch("/api/v1/job/" + jobId, Map.of("status", "failed", "error_message", "Stopped by the test"));
        assertThat(failed.status()).as(failed.text()).isEqualTo(200);

        JsonNode job = awaitWebhook(user, jobId, "delivered");
        assertThat(job.get("webhook").get("event").asText()).isEqualTo("job.failed");
        Call call = receiver.callsTo("/hooks/failed").get(0);
        assertThat(call.header("X-Voxify-Event")).isEqualTo("job.failed");
        assertThat(call.json().get("event").asText()).isEqualTo("job.failed");
        assertThat(call.json().get("job").get("status").asText()).isEqualTo("failed");
        assertThat(call.json().get("job").get("error_message").asText()).isEqualTo("Stopped by the test");
    }

    @Test
    @Order(4)
    void aReceiverAnswering410IsNotTriedAgain() {
        receiver.scripts.put("/hooks/gone", Collections.synchronizedList(new ArrayList<>(List.of(410))));
        String jobId = user.createJob(Map.of("text_content", "Gone.", "callback_url", receiver.url("/hooks/gone")))
                .get("id")
                .asText();
        JsonNode job = awaitWebhook(user, jobId, "abandoned");
        assertThat(job.get("webhook").get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("webhook").get("last_error").asText()).isEqualTo("http_status");
        assertThat(job.get("webhook").get("last_status_code").asInt()).isEqualTo(410);
        assertThat(ofType(history(user, jobId), "WebhookAbandonedEvent")).hasSize(1);
        ApiClient.sleep(600);
        assertThat(receiver.callsTo("/hooks/gone")).hasSize(1);
    }

    @Test
    @Order(5)
    void badCallbackUrlsAreRefusedWithTheEnvelope() {
        allowPrivateCallbacks(false);
        try {
            for (String bad : new String[] {
                "ftp://hooks.example.com/x",
                "http://hooks.example.com/x",
                "http://10.0.0.1/x",
                "https://user:secret@hooks.example.com/x",
                "http://user@127.0.0.1/x",
                "/relative",
                "https://hooks.example.com/" + "a".repeat(2050)
            }) {
                assertRefusedAtCreation(bad);
            }
            ApiClient.Response notText = user.post("/api/v1/job", Map.of("text_content", "Hello.", "callback_url", 42));
            assertThat(notText.status()).isEqualTo(400);
            assertThat(user.post(
                                    "/api/v1/job",
                                    Map.of("text_content", "Hello.", "callback_url", "http://hooks.example.com/x"))
                            .json()
                            .get("error")
                            .get("details")
                            .get("callback_url")
                            .asText())
                    .as("the message names the rule and the switch")
                    .contains("https")
                    .contains("allow_private_callbacks");
        } finally {
            allowPrivateCallbacks(true);
        }
    }

    private static void assertRefusedAtCreation(String url) {
        ApiClient.Response r = user.post("/api/v1/job", Map.of("text_content", "Hello.", "callback_url", url));
        assertThat(r.status()).as(url + ": " + r.text()).isEqualTo(400);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(r.json().get("error").get("details").has("callback_url"))
                .as(r.text())
                .isTrue();
    }

    /**
     * A literal address of this machine or a private network, or localhost, is refused when the job is created
     * (on every way to create or change one) while private callbacks are not allowed, and accepted while they are.
     */
    @Test
    @Order(6)
    void loopbackPrivateAndLinkLocalLiteralsAreRefusedAtCreationUnlessAllowed() {
        List<String> literals = List.of(
                "https://127.0.0.1:9/",
                "https://localhost/hook",
                "https://[::1]:9000/",
                "https://10.0.0.1/hook",
                "https://192.168.1.20/hook",
                "https://172.16.0.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://[fe80::1]/hook",
                "https://[fd00::1]/hook",
                "https://[::ffff:127.0.0.1]/",
                "https://2130706433/",
                "https://0177.0.0.1/",
                "https://0x7f000001/",
                receiver.url("/hooks/literal"));
        // Checked before the job's state: the job may have ended by then.
        String existing =
                user.createJob(Map.of("text_content", "Hello.")).get("id").asText();
        allowPrivateCallbacks(false);
        try {
            for (String url : literals) {
                assertRefusedAtCreation(url);
                ApiClient.Response update = user.put("/api/v1/job/" + existing, Map.of("callback_url", url));
                assertThat(update.status()).as(url + ": " + update.text()).isEqualTo(400);
                assertThat(update.json().get("error").get("details").has("callback_url"))
                        .as(update.text())
                        .isTrue();
                ApiClient.Response stream =
                        user.post("/api/v1/tts/stream", Map.of("text_content", "Hello.", "callback_url", url));
                assertThat(stream.status()).as(url + ": " + stream.text()).isEqualTo(400);
                assertThat(stream.json().get("error").get("details").has("callback_url"))
                        .as(stream.text())
                        .isTrue();
            }
            assertThat(user.post("/api/v1/job", Map.of("text_content", "Hello.", "callback_url", "https://127.0.0.1/"))
                            .json()
                            .get("error")
                            .get("details")
                            .get("callback_url")
                            .asText())
                    .contains("127.0.0.1 is a loopback address")
                    .contains("allow_private_callbacks");
        } finally {
            allowPrivateCallbacks(true);
        }
        // Allowed now: created (their delivery is never attempted on a private network: see testResolver).
        for (String url : literals) {
            ApiClient.Response r = user.post("/api/v1/job", Map.of("text_content", "Hello.", "callback_url", url));
            assertThat(r.status()).as(url + ": " + r.text()).isEqualTo(201);
        }
    }

    @Test
    @Order(7)
    void theCallbackOfAPendingJobCanBeChangedOrRemoved() {
        String jobId =
                user.createJob(Map.of("text_content", LONG_TEXT)).get("id").asText();
        ApiClient.Response r = user.put("/api/v1/job/" + jobId, Map.of("callback_url", "ftp://x.example.com/"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("details").has("callback_url"))
                .as(r.text())
                .isTrue();
        ApiClient.Response set = user.put("/api/v1/job/" + jobId, Map.of("callback_url", receiver.url("/hooks/x")));
        // the job may have started meanwhile: then the update is refused for that reason
        if (set.status() == 200) {
            assertThat(set.data().get("callback_url").asText()).isEqualTo(receiver.url("/hooks/x"));
        } else {
            assertThat(set.errorCode()).isEqualTo("JOB_NOT_UPDATABLE");
        }
        admin.patch("/api/v1/job/" + jobId, Map.of("status", "cancelled"));
    }

    @Test
    @Order(8)
    void aNameResolvingToAPrivateAddressIsRefusedAtDeliveryUnlessAllowed() {
        String jobId;
        allowPrivateCallbacks(false);
        try {
            jobId = user.createJob(
                            Map.of("text_content", "Inside.", "callback_url", "https://intranet.voxify.test/hook"))
                    .get("id")
                    .asText();
            JsonNode webhook = awaitWebhook(user, jobId, "abandoned").get("webhook");
            assertThat(webhook.get("attempts").asInt()).isEqualTo(1);
            assertThat(webhook.get("last_error").asText()).isEqualTo("refused_address");
            assertThat(webhook.get("last_status_code").isNull()).isTrue();
        } finally {
            allowPrivateCallbacks(true);
        }
        List<JsonNode> events = history(user, jobId);
        JsonNode attempt = ofType(events, "WebhookAttemptedEvent").get(0).get("payload");
        assertThat(attempt.get("error").asText()).isEqualTo("refused_address");
        assertThat(attempt.get("status_code").isNull()).isTrue();
        assertThat(ofType(events, "WebhookAbandonedEvent")
                        .get(0)
                        .get("payload")
                        .get("reason")
                        .asText())
                .isEqualTo("callback address refused");
        assertThat(user.get("/api/v1/audit/jobs/" + jobId + "/events").text()
                        + user.get("/api/v1/job/" + jobId).text())
                .as("what the name resolved to is not told")
                .doesNotContain("10.0.0.7");

        ApiClient stranger = app.client().newUser();
        assertThat(stranger.get("/api/v1/audit/jobs/" + jobId + "/events").status())
                .isEqualTo(404);
        assertThat(stranger.get("/api/v1/job/" + jobId).status()).isEqualTo(404);

        // Allowed: a name resolving to this machine is called (and plain http is accepted).
        String url = receiver.url("/hooks/alias").replace("127.0.0.1", "alias-of-loopback.voxify.test");
        String allowed = user.createJob(Map.of("text_content", "Allowed.", "callback_url", url))
                .get("id")
                .asText();
        assertThat(awaitWebhook(user, allowed, "delivered")
                        .get("webhook")
                        .get("last_error")
                        .isNull())
                .isTrue();
        assertThat(receiver.callsTo("/hooks/alias")).hasSize(1);
    }

    private static JsonNode awaitFirstAttempt(String jobId) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            List<JsonNode> attempts = ofType(history(user, jobId), "WebhookAttemptedEvent");
            if (!attempts.isEmpty()) {
                return attempts.get(0).get("payload");
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("no webhook attempt for " + jobId);
    }

    @Test
    @Order(9)
    void theSecretIsOnlyForItsOwner() {
        ApiClient.Response anonymous = app.client().get("/api/v1/webhooks/secret");
        assertThat(anonymous.status()).isEqualTo(401);
        String mine = user.get("/api/v1/webhooks/secret").data().get("secret").asText();
        assertThat(user.get("/api/v1/webhooks/secret").data().get("secret").asText())
                .as("stable")
                .isEqualTo(mine);
        assertThat(app.client()
                        .newUser()
                        .get("/api/v1/webhooks/secret")
                        .data()
                        .get("secret")
                        .asText())
                .isNotEqualTo(mine);
    }

    /**
     * Rotation: a new secret at once, recorded in the account's history; until the overlap ends every callback
     * carries a signature made with the new secret and one made with the secret it replaced.
     */
    @Test
    @Order(10)
    void aRotatedSecretSignsAlongsideThePreviousOneDuringTheOverlap() throws Exception {
        ApiClient owner = app.client().newUser();
        JsonNode before = owner.get("/api/v1/webhooks/secret").data();
        assertThat(before.get("generation").asInt()).isZero();
        assertThat(before.get("previous_secret_expires_at").isNull()).isTrue();
        assertThat(app.client().post("/api/v1/webhooks/secret/rotate", Map.of()).status())
                .isEqualTo(401);

        ApiClient.Response rotated = owner.post("/api/v1/webhooks/secret/rotate", Map.of());
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        JsonNode now = rotated.data();
        String secret = now.get("secret").asText();
        String previous = before.get("secret").asText();
        assertThat(secret).startsWith("whsec_").isNotEqualTo(previous);
        assertThat(now.get("generation").asInt()).isEqualTo(1);
        Instant rotatedAt = Instant.parse(now.get("rotated_at").asText());
        assertThat(Instant.parse(now.get("previous_secret_expires_at").asText()))
                .isEqualTo(rotatedAt.plus(Duration.ofHours(24)));
        assertThat(owner.get("/api/v1/webhooks/secret").data().get("secret").asText())
                .isEqualTo(secret);

        String url = receiver.url("/hooks/rotated");
        String jobId = owner.createJob(Map.of("text_content", "Rotated secrets.", "callback_url", url))
                .get("id")
                .asText();
        awaitWebhook(owner, jobId, "delivered");
        Call call = receiver.callsTo("/hooks/rotated").get(0);
        Matcher both = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64}),v1=([0-9a-f]{64})")
                .matcher(call.header("X-Voxify-Signature"));
        assertThat(both.matches()).as(call.header("X-Voxify-Signature")).isTrue();
        String signed = both.group(1) + "." + new String(call.body(), StandardCharsets.UTF_8);
        assertThat(both.group(2)).as("the new secret first").isEqualTo(hmac(secret, signed));
        assertThat(both.group(3)).as("then the one it replaced").isEqualTo(hmac(previous, signed));

        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient.Response history =
                admin.get("/api/v1/audit/events?type=WebhookSecretRotatedEvent&user_id=" + owner.userId());
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.data()).singleElement().satisfies(e -> {
            assertThat(e.get("aggregate_id").asText()).isEqualTo(owner.userId());
            assertThat(e.get("payload").get("generation").asInt()).isEqualTo(1);
        });
        assertThat(history.text()).as("secrets are never recorded").doesNotContain(secret, previous);
    }

    /** Answers every connection on 127.0.0.1 with raw bytes of its own, then waits for the caller to close. */
    static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "raw-server");
            t.setDaemon(true);
            return t;
        });

        RawServer(byte[] answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.execute(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        threads.execute(() -> answer(connection, answer));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void answer(Socket connection, byte[] answer) {
            try (connection) {
                connection.setSoTimeout(30_000);
                connection.getOutputStream().write(answer);
                connection.getOutputStream().flush();
                connection.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the caller gave up
            }
        }

        String url(String scheme) {
            return scheme + "://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }

    /**
     * A failed try is recorded, and shown on the job, as a category only: whatever the receiver answered stays
     * out of the job and its history (a port's banner, an HTTP reason phrase or body).
     */
    @Test
    @Order(11)
    void aFailedTryIsShownAsACategoryNeverWithWhatTheReceiverSaid() throws Exception {
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        String secret = "SECRET-4711";
        try (RawServer silent = new RawServer(new byte[0]);
                RawServer redisLike =
                        new RawServer(("-ERR unknown command 'POST', with args beginning with: " + secret + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                RawServer verbose = new RawServer(("HTTP/1.1 503 " + secret + "\r\nContent-Type: text/plain\r\n"
                                + "Content-Length: 11\r\nConnection: close\r\n\r\n" + secret)
                        .getBytes(StandardCharsets.US_ASCII))) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("http://127.0.0.1:" + closedPort + "/hook", "connection_refused");
            expected.put(silent.url("http"), "timeout");
            expected.put(redisLike.url("http"), "invalid_response");
            expected.put(verbose.url("http"), "http_status");
            expected.put(verbose.url("https"), "tls_error");
            Map<String, String> jobs = new LinkedHashMap<>();
            expected.forEach((url, category) -> jobs.put(
                    url,
                    user.createJob(Map.of("text_content", "Categories.", "callback_url", url))
                            .get("id")
                            .asText()));
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                String jobId = jobs.get(entry.getKey());
                JsonNode webhook = user.awaitJob(
                                jobId,
                                j -> j.get("webhook").isObject()
                                        && j.get("webhook").get("attempts").asInt() >= 1,
                                Duration.ofSeconds(60))
                        .get("webhook");
                assertThat(webhook.get("last_error").asText())
                        .as(entry.getKey())
                        .isEqualTo(entry.getValue());
                if (entry.getValue().equals("http_status")) {
                    assertThat(webhook.get("last_status_code").asInt()).isEqualTo(503);
                } else {
                    assertThat(webhook.get("last_status_code").isNull())
                            .as(entry.getKey())
                            .isTrue();
                }
                assertThat(ofType(history(user, jobId), "WebhookAttemptedEvent")
                                .get(0)
                                .get("payload")
                                .get("error")
                                .asText())
                        .as(entry.getKey())
                        .isEqualTo(entry.getValue());
                String shown = user.get("/api/v1/job/" + jobId).text()
                        + user.get("/api/v1/audit/jobs/" + jobId + "/events").text();
                assertThat(shown)
                        .as(entry.getKey())
                        .doesNotContain(secret)
                        .doesNotContain("ERR unknown")
                        .doesNotContain("Exception");
            }
        }
    }
}
