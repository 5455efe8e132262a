package io.voxify.infrastructure.vector.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Chroma server (the npm package that {@code scripts/ensure-chroma.sh} installs in
 * {@code tools/chroma}) as a child process on 127.0.0.1, a free port and a fresh data directory.
 * Closing it, or the JVM ending, stops it.
 */
public final class ChromaTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLI = Path.of("..", "tools", "chroma", "node_modules", "chromadb", "dist", "cli.mjs");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static ChromaTestServer shared;

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Thread stopOnExit;

    private ChromaTestServer() throws IOException {
        if (!Files.exists(CLI)) {
            throw new AssertionError("Missing " + CLI.toAbsolutePath().normalize()
                    + ": run scripts/ensure-chroma.sh (scripts/ensure-packages.sh test does)");
        }
        dataDir = Files.createTempDirectory("voxify-chroma-data-");
        log = Files.createTempFile("voxify-chroma-", ".log");
        port = freePort();
        process = new ProcessBuilder(
                        "node",
                        CLI.toString(),
                        "run",
                        "--path",
                        dataDir.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        stopOnExit = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        awaitHeartbeat();
    }

    public static ChromaTestServer start() {
        try {
            return new ChromaTestServer();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Chroma", e);
        }
    }

    /** One server for the whole test run; tests keep apart by database or collection. */
    public static synchronized ChromaTestServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Chroma's own answer to a v2 API call ({@code path} below {@code /api/v2}), so tests see what
     * is stored without going through the adapter under test.
     */
    public JsonNode api(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/api/v2" + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new AssertionError(
                        "Chroma answered " + response.statusCode() + " to " + method + " " + path + ": " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitHeartbeat() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest heartbeat = HttpRequest.newBuilder(URI.create(url() + "/api/v2/heartbeat"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long end = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("Chroma exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (http.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        throw new AssertionError("Chroma did not answer its heartbeat within " + STARTUP + ": " + output());
    }

    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // Temporary files only; the OS cleans them up eventually.
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // Already running the hook.
        }
    }
}
