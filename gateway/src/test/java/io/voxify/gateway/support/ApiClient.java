package io.voxify.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** A plain HTTP client for the API, as any REST client would use it. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PASSWORD = "SecurePass123!";

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    public ApiClient(String base) {
        this.base = base;
    }

    public ApiClient withToken(String token) {
        ApiClient copy = new ApiClient(base);
        copy.token = token;
        return copy;
    }

    public String token() {
        return token;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send(request(path).GET(), Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return send(request(path).GET(), headers);
    }

    public Response options(String path, Map<String, String> headers) {
        return send(request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()), headers);
    }

    public Response delete(String path) {
        return send(request(path).DELETE(), Map.of());
    }

    public Response delete(String path, Object body) {
        return send(request(path).method("DELETE", bodyOf(body)).header("Content-Type", "application/json"), Map.of());
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send(request(path).POST(bodyOf(body)).header("Content-Type", "application/json"), headers);
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(bodyOf(body)).header("Content-Type", "application/json"), Map.of());
    }

    public Response patch(String path, Object body) {
        return send(request(path).method("PATCH", bodyOf(body)).header("Content-Type", "application/json"), Map.of());
    }

    /** A multipart/form-data POST, as a browser form or curl -F sends it. */
    public Response multipart(String path, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----voxify" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(file);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    public Response raw(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, Map.of());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
        headers.forEach(builder::header);
        try {
            HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers and signs in a fresh user; returns a client carrying their access token. */
    public ApiClient newUser() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        Response registered = post(
                "/api/v1/auth/register",
                Map.of("email", email, "password", PASSWORD, "first_name", "Test", "last_name", "User"));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    public ApiClient login(String email, String password) {
        Response login = post("/api/v1/auth/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return withToken(login.data().get("access_token").asText());
    }

    public String userId() {
        return get("/api/v1/auth/profile").data().get("id").asText();
    }

    public JsonNode createJob(Map<String, Object> body) {
        Response r = post("/api/v1/job", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    /** Polls the job until the condition holds (used only where no event stream is under test). */
    public JsonNode awaitJob(String jobId, Predicate<JsonNode> condition, Duration timeout) {
        return await("/api/v1/job/" + jobId, condition, timeout);
    }

    /** Polls a resource until its data satisfies the condition, or fails with the last data seen. */
    public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = get(path).data();
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(50);
        }
        throw new AssertionError(path + " did not reach the expected state in " + timeout + "; last: " + last);
    }

    /** Reads an SSE stream to its end (or the timeout), returning each data payload. */
    public SseCapture progress(String jobId, Duration timeout) {
        return sse("/api/v1/job/" + jobId + "/progress", timeout);
    }

    public SseCapture sse(String path, Duration timeout) {
        HttpRequest req = request(path)
                .header("Accept", "text/event-stream")
                .timeout(timeout)
                .GET()
                .build();
        List<JsonNode> events = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                return new SseCapture(r.statusCode(), JSON.readTree(r.body().readAllBytes()), events, comments);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.add(JSON.readTree(line.substring(5).trim()));
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    }
                }
            }
            return new SseCapture(200, null, events, comments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record SseCapture(int status, JsonNode error, List<JsonNode> events, List<String> comments) {
        public JsonNode last() {
            return events.get(events.size() - 1);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
