package io.voxify.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.VoxifyApplication;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What an operator watches: health groups, the Prometheus scrape, JSON logs with the request
 * context, and the API document. Everything through HTTP against the running application.
 */
class ObservabilityTest {
    private static final Duration DONE = Duration.ofSeconds(60);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final RunningApp app = RunningApp.shared();

    @Test
    void healthAnswersWithoutATokenAndItsReadinessGroupChecksTheDatabase() {
        ApiClient anonymous = app.client();

        ApiClient.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("groups")).extracting(JsonNode::asText).contains("liveness", "readiness");

        ApiClient.Response liveness = anonymous.get("/actuator/health/liveness");
        assertThat(liveness.status()).as(liveness.text()).isEqualTo(200);
        assertThat(liveness.json().get("status").asText()).isEqualTo("UP");
        assertThat(fieldNames(liveness.json().get("components"))).containsExactly("livenessState");

        ApiClient.Response readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.text()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
        JsonNode components = readiness.json().get("components");
        assertThat(fieldNames(components)).containsExactlyInAnyOrder("readinessState", "db", "diskSpace");
        components.forEach(c -> assertThat(c.get("status").asText()).isEqualTo("UP"));
        assertThat(components.get("db").has("details"))
                .as("details stay private")
                .isFalse();
    }

    @Test
    void theScrapeCountsAJobFromItsRequestToItsSynthesis() {
        Scrape before = scrape();
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(
                        Map.of("text_content", "Hello there, metrics.", "voice_model_id", "default_voice_001"))
                .get("id")
                .asText();
        user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), DONE);
        Scrape after = scrape();

        Map<String, String> created = Map.of("method", "POST", "uri", "/api/v1/job", "status", "201");
        assertThat(after.value("http_server_requests_seconds_count", created))
                .isGreaterThanOrEqualTo(before.valueOrZero("http_server_requests_seconds_count", created) + 1);
        assertThat(after.value("http_server_requests_seconds_bucket", with(created, "le", "+Inf")))
                .isEqualTo(after.value("http_server_requests_seconds_count", created));

        Map<String, String> flite = Map.of("engine", "flite");
        double syntheses = after.value("voxify_synthesis_real_time_factor_count", flite);
        assertThat(syntheses)
                .isGreaterThanOrEqualTo(before.valueOrZero("voxify_synthesis_real_time_factor_count", flite) + 1);
        assertThat(after.value("voxify_synthesis_real_time_factor_sum", flite))
                .isGreaterThan(before.valueOrZero("voxify_synthesis_real_time_factor_sum", flite));
        List<Sample> buckets = after.all("voxify_synthesis_real_time_factor_bucket", flite);
        assertThat(buckets).extracting(b -> b.labels().get("le")).contains("0.01", "0.1", "1.0", "+Inf");
        assertThat(buckets.get(buckets.size() - 1).labels().get("le")).isEqualTo("+Inf");
        assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(syntheses);
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value())
                    .as("cumulative buckets")
                    .isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }

        Map<String, String> jobsProjection = Map.of("processorName", "jobs");
        assertThat(after.value("eventProcessor_latency", jobsProjection)).isGreaterThanOrEqualTo(0);
        assertThat(after.value("eventProcessor_successTimer_seconds_count", jobsProjection))
                .as("the job's events were handled by the jobs projection")
                .isGreaterThanOrEqualTo(
                        before.valueOrZero("eventProcessor_successTimer_seconds_count", jobsProjection) + 3);
        Map<String, String> createCommand = Map.of("payloadType", "CreateJobCommand");
        assertThat(after.value("commandBus_successTimer_seconds_count", createCommand))
                .isGreaterThanOrEqualTo(before.valueOrZero("commandBus_successTimer_seconds_count", createCommand) + 1);

        for (String pool : List.of("synthesis", "voice")) {
            double depth = after.value("voxify_work_queue_depth", Map.of("pool", pool));
            assertThat(depth).isGreaterThanOrEqualTo(0).isEqualTo(Math.rint(depth));
        }

        // The gauge is cached for a few seconds; it must come to agree with the read model.
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double gauge;
        long listed;
        do {
            gauge = scrape().value("voxify_jobs", Map.of("status", "completed"));
            listed = admin.get("/api/v1/job?scope=all&status=completed&limit=1")
                    .json()
                    .path("meta")
                    .path("pagination")
                    .path("total_count")
                    .asLong();
            if (gauge == listed && gauge >= 1) {
                break;
            }
            ApiClient.sleep(500);
        } while (System.nanoTime() < deadline);
        assertThat(gauge)
                .as("completed jobs in the scrape and in the job list")
                .isEqualTo(listed)
                .isGreaterThanOrEqualTo(1);
        Scrape last = scrape();
        for (String status : List.of("pending", "processing", "failed", "cancelled")) {
            assertThat(last.value("voxify_jobs", Map.of("status", status))).isGreaterThanOrEqualTo(0);
        }
    }

    /**
     * The operator's switch, as an operator flips it: a separate server process started with
     * {@code VOXIFY_LOG_FORMAT=json} writes one JSON object per console line, and the access line
     * of a request carries the request id the response named, its correlation id, the client's
     * address and the caller.
     */
    @Test
    void jsonLogsCarryTheRequestContextOfEachLine() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-json-log-");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // Launched from the exploded class path, OrtEnvironment's native initialisation recursed
                        // ~12,000 frames deep on the main thread and overflowed its stack (SIGSEGV, even at 4 MB).
                        "-Xmx512m",
                        "-Xss16m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VoxifyApplication.class.getName(),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--voxify.data-dir=" + dataDir,
                        "--voxify.models-dir=" + dataDir.resolve("models"),
                        "--voxify.synthesis.worker-threads=1",
                        "--logging.level.root=WARN",
                        "--logging.level.org.springframework.boot.web.embedded.tomcat=INFO",
                        "--logging.level.io.voxify.access=INFO")
                // Logs go to standard output; native libraries (ONNX Runtime) write their own lines to stderr.
                .redirectError(dataDir.resolve("stderr.txt").toFile());
        builder.environment().put("VOXIFY_LOG_FORMAT", "json");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process server = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader stopped: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode started = awaitLine(
                    lines,
                    l -> l.path("message").asText().startsWith("Tomcat started on port"),
                    Duration.ofSeconds(180),
                    server);
            Matcher port = Pattern.compile("port (\\d+)")
                    .matcher(started.get("message").asText());
            assertThat(port.find()).isTrue();
            ApiClient user = new ApiClient("http://127.0.0.1:" + port.group(1)).newUser();

            ApiClient.Response profile = user.get("/api/v1/auth/profile");
            assertThat(profile.status()).isEqualTo(200);
            String requestId = profile.header("X-Request-Id");
            assertThat(requestId).isNotBlank();

            JsonNode access = awaitLine(
                    lines, l -> requestId.equals(l.path("request_id").asText()), Duration.ofSeconds(30), server);
            assertThat(access.get("message").asText()).startsWith("GET /api/v1/auth/profile 200 ");
            assertThat(access.path("log").path("level").asText()).isEqualTo("INFO");
            assertThat(access.path("log").path("logger").asText()).isEqualTo("io.voxify.access");
            assertThat(access.get("correlation_id").asText()).isEqualTo(profile.header("X-Correlation-Id"));
            assertThat(access.has("client_address"))
                    .as("the caller's address is personal and stays out of the log")
                    .isFalse();
            assertThat(access.get("user_id").asText()).isEqualTo(user.userId());
            assertThat(access.has("@timestamp")).isTrue();

            // A progress stream is logged once, when it ends, still naming its request and caller.
            String jobId = user.createJob(Map.of("text_content", "Logged from start to end."))
                    .get("id")
                    .asText();
            assertThat(user.progress(jobId, DONE).last().get("event").asText()).isEqualTo("complete");
            String streamed = "GET /api/v1/job/" + jobId + "/progress 200 ";
            JsonNode stream = awaitLine(
                    lines, l -> l.path("message").asText().startsWith(streamed), Duration.ofSeconds(30), server);
            assertThat(stream.get("user_id").asText()).isEqualTo(user.userId());
            assertThat(stream.get("request_id").asText()).startsWith("req_");
            assertThat(lines.stream().filter(l -> l.contains(streamed))).hasSize(1);
            for (String line : lines) {
                assertThat(line)
                        .as("every line logged to the console is a JSON object")
                        .startsWith("{");
                ApiClient.JSON.readTree(line);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theApiDocumentNamesTheRefusalsCallersActuallyGet() {
        ApiClient anonymous = app.client();
        ApiClient user = app.client().newUser();
        JsonNode docs = apiDocs();
        JsonNode paths = docs.get("paths");
        int secured = 0;
        int admin = 0;
        for (Map.Entry<String, JsonNode> path : fields(paths)) {
            String uri = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                String method = operation.getKey().toUpperCase();
                JsonNode op = operation.getValue();
                String what = method + " " + path.getKey();
                int status = anonymous.raw(method, uri, null, new byte[0]).status();
                assertThat(op.has("security"))
                        .as(what + " answered anonymous callers " + status)
                        .isEqualTo(status == 401);
                if (status == 401) {
                    secured++;
                    assertThat(op.get("responses").has("401")).as(what).isTrue();
                    assertThat(op.get("responses").has("429")).as(what).isTrue();
                    assertThat(codes(op)).as(what).contains("UNAUTHORIZED", "INVALID_TOKEN", "RATE_LIMITED");
                }
                if (path.getKey().startsWith("/api/v1/admin/")) {
                    admin++;
                    assertThat(user.raw(method, uri, null, new byte[0]).status())
                            .as(what)
                            .isEqualTo(403);
                    assertThat(op.get("responses").has("403")).as(what).isTrue();
                    assertThat(codes(op)).as(what).contains("FORBIDDEN");
                }
                if (path.getKey().contains("{")) {
                    assertThat(op.get("responses").has("404")).as(what).isTrue();
                }
                op.get("responses").fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        assertThat(r.getValue()
                                        .at("/content/application~1json/schema/$ref")
                                        .asText())
                                .as(what + " " + r.getKey())
                                .isEqualTo("#/components/schemas/ErrorEnvelope");
                    }
                });
            }
        }
        assertThat(secured).isGreaterThan(30);
        assertThat(admin).isGreaterThanOrEqualTo(2);

        JsonNode createJob = paths.get("/api/v1/job").get("post");
        assertThat(fieldNames(createJob.get("responses"))).contains("201", "400", "401", "404", "413", "415", "429");
        assertThat(codes(createJob))
                .contains("VALIDATION_ERROR", "INVALID_JSON", "VOICE_MODEL_NOT_FOUND", "PAYLOAD_TOO_LARGE");
        // Each success names its typed envelope, whose data is the answer's own record.
        assertThat(createJob
                        .at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/EnvelopeJobResponse");
        JsonNode typed = docs.at("/components/schemas/EnvelopeJobResponse/properties");
        assertThat(fieldNames(typed)).containsExactlyInAnyOrder("success", "data", "message", "meta", "timestamp");
        assertThat(typed.at("/data/$ref").asText()).isEqualTo("#/components/schemas/JobResponse");
        JsonNode jobList = paths.get("/api/v1/job").get("get");
        String listRef = jobList.at("/responses/200/content/application~1json/schema/$ref")
                .asText();
        assertThat(listRef).isEqualTo("#/components/schemas/EnvelopeListJobResponse");
        assertThat(docs.at("/components/schemas/EnvelopeListJobResponse/properties/data/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/JobResponse");
        JsonNode login = paths.get("/api/v1/auth/login").get("post");
        assertThat(login.has("security")).isFalse();
        assertThat(fieldNames(login.get("responses")))
                .as("sign-in attempts are throttled")
                .contains("429");
        assertThat(codes(login)).contains("INVALID_CREDENTIALS", "ACCOUNT_DISABLED", "MISSING_FIELDS", "RATE_LIMITED");
        assertThat(codes(paths.get("/api/v1/voice/samples").get("post")))
                .contains("FILE_TOO_LARGE", "UNSUPPORTED_AUDIO", "DUPLICATE_SAMPLE");
    }

    @Test
    void everyControllerMappingIsInTheApiDocumentAndNothingElse() {
        Set<String> mapped = new TreeSet<>();
        RequestMappingHandlerMapping mappings =
                app.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            String owner = entry.getValue().getBeanType().getName();
            if (owner.startsWith("org.springdoc.")
                    || entry.getKey().getPatternValues().equals(Set.of("/error"))) {
                continue; // the document itself, the Swagger UI, and the container's error page
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as(entry.getValue() + " answers every method").isNotEmpty();
            for (String pattern : entry.getKey().getPatternValues()) {
                methods.forEach(m -> mapped.add(m.name() + " " + pattern));
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : fields(apiDocs().get("paths"))) {
            fields(path.getValue()).forEach(op -> documented.add(op.getKey().toUpperCase() + " " + path.getKey()));
        }
        assertThat(mapped).hasSizeGreaterThan(30);
        assertThat(documented).isEqualTo(mapped);
    }

    @Test
    void theApiDocumentDescribesTheEnvelopeAndEveryErrorCodeAndSwaggerUiIsServed() {
        ApiClient anonymous = app.client();
        JsonNode docs = apiDocs();
        assertThat(docs.get("openapi").asText()).startsWith("3.");
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(fieldNames(schemas.get("Envelope").get("properties")))
                .containsExactlyInAnyOrder("success", "data", "message", "error", "meta", "timestamp");
        assertThat(fieldNames(schemas.get("ApiError").get("properties")))
                .containsExactlyInAnyOrder("code", "message", "details");
        assertThat(schemas.at("/ApiError/properties/code/enum"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(docs.at("/info/description").asText()).contains(code.name());
        }

        ApiClient.Response ui = anonymous.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Type")).startsWith("text/html");
        assertThat(anonymous.get("/v3/api-docs/swagger-config").status()).isEqualTo(200);
    }

    private JsonNode apiDocs() {
        ApiClient.Response docs = app.client().get("/v3/api-docs");
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        return docs.json();
    }

    private static List<String> codes(JsonNode operation) {
        List<String> codes = new ArrayList<>();
        operation.path("x-error-codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static List<String> fieldNames(JsonNode node) {
        return fields(node).stream().map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(name, value);
        return more;
    }

    private static JsonNode awaitLine(List<String> lines, Predicate<JsonNode> wanted, Duration timeout, Process server)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                JsonNode json = line.startsWith("{") ? ApiClient.JSON.readTree(line) : null;
                if (json != null && wanted.test(json)) {
                    return json;
                }
            }
            if (!server.isAlive()) {
                throw new AssertionError("The server exited (" + server.exitValue() + "): " + lines);
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("No such log line within " + timeout + "; got " + lines);
    }

    private Scrape scrape() {
        ApiClient.Response response = app.scrape();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        response.text().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        });
        return new Scrape(samples);
    }

    private record Sample(String name, Map<String, String> labels, double value) {}

    /** One scrape; a series is found by its name and some of its labels. */
    private record Scrape(List<Sample> samples) {
        List<Sample> all(String name, Map<String, String> labels) {
            return samples.stream()
                    .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
        }

        Optional<Double> find(String name, Map<String, String> labels) {
            List<Sample> found = all(name, labels);
            assertThat(found.size()).as(name + labels + " names one series").isLessThanOrEqualTo(1);
            return found.stream().findFirst().map(Sample::value);
        }

        double value(String name, Map<String, String> labels) {
            return find(name, labels).orElseThrow(() -> new AssertionError("No " + name + labels + " in the scrape"));
        }

        double valueOrZero(String name, Map<String, String> labels) {
            return find(name, labels).orElse(0.0);
        }
    }
}
