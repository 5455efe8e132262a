package io.voxify.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An SSE client that listens in the background while the test goes on: it records every data
 * payload as it arrives, and the test waits for the one it expects with a bounded wait. (A
 * stream that never ends, say on a node that hears no updates, does not hang the test.)
 */
public final class SseRecorder implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final Thread reader;
    private volatile InputStream body;

    /** Opens the stream and returns once the server answered with its status. */
    public SseRecorder(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        reader = new Thread(() -> read(request), "sse-recorder");
        reader.setDaemon(true);
        reader.start();
        int answered = status.orTimeout(30, TimeUnit.SECONDS).join();
        if (answered != 200) {
            throw new AssertionError("The stream " + url + " answered " + answered);
        }
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            status.complete(response.statusCode());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        events.add(ApiClient.JSON.readTree(line.substring(5).trim()));
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            status.completeExceptionally(e);
        }
    }

    /** Every data payload received so far, in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Waits until a payload matching {@code wanted} has arrived; false if none did in time. */
    public boolean await(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (events.stream().anyMatch(wanted)) {
                return true;
            }
            ApiClient.sleep(50);
        }
        return events.stream().anyMatch(wanted);
    }

    @Override
    public void close() {
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        reader.interrupt();
    }
}
