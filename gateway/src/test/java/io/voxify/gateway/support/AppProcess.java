package io.voxify.gateway.support;

import io.voxify.gateway.VoxifyApplication;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as a node of its own: a separate JVM started as an operator starts one
 * ({@code java -cp … VoxifyApplication --key=value …}, here on the test class path), listening
 * on 127.0.0.1 on a port chosen before it starts, its output in a log file under
 * {@code target/}. It can be stopped gracefully ({@link #close()}) or killed with SIGKILL
 * ({@link #kill()}), as a crashed machine would stop it; a shutdown hook makes sure no node
 * outlives the test JVM.
 */
public final class AppProcess implements AutoCloseable {
    /** Spring, Axon and ONNX Runtime start in well under a minute alone; this box is shared and has two cores. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Exit status Java reports for a process ended by signal 9 (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final Thread shutdownHook;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProcess(String name, Path dataDir, Path logDir, List<String> jvmOptions, Map<String, String> properties)
            throws IOException {
        this.name = name;
        this.port = freeLoopbackPort();
        this.log = Files.createDirectories(logDir).resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // ONNX Runtime's native start-up recurses deeply on the main thread (see ObservabilityTest).
        command.addAll(List.of("-Xss16m", "-Xmx768m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VoxifyApplication.class.getName()));
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--voxify.data-dir=" + dataDir);
        command.add("--voxify.models-dir=" + RunningApp.installStandInVoice(dataDir.resolve("models")));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Files.writeString(
                log,
                "$ " + String.join(" ", command).replace(System.getProperty("java.class.path"), "<test class path>")
                        + "\n");
        this.process = builder.start();
        this.shutdownHook = new Thread(this::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the node and returns at once, so several nodes start side by side; {@link #awaitReady()}
     * waits for it. {@code dataDir} must be the node's own.
     */
    public static AppProcess launch(
            String name, Path dataDir, Path logDir, List<String> jvmOptions, Map<String, String> properties) {
        try {
            return new AppProcess(name, dataDir, logDir, jvmOptions, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start node " + name, e);
        }
    }

    /** Waits until the node's readiness probe answers 200; on failure the node is stopped and its log tail shown. */
    public AppProcess awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before it was " + "ready:\n" + tail(60));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ApiClient.sleep(250);
        }
        String tail = tail(60);
        close();
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + ":\n" + tail);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ApiClient client() {
        return new ApiClient(baseUrl());
    }

    /** The JVM's process id, which the node's worker id carries ({@code worker@<pid>@<host>}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * SIGKILL, as a crash or the kernel's OOM killer ends a process: no shutdown hook, no
     * graceful close of connections. ({@code Process.destroyForcibly()} is {@code kill(pid,
     * SIGKILL)} on Linux; the exit status proves it.) Returns once the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        int status = waitForExit(STOP_TIMEOUT);
        if (status != KILLED_BY_SIGKILL) {
            throw new IllegalStateException(name + " ended with " + status + ", not by SIGKILL (137)");
        }
        removeShutdownHook();
    }

    /** SIGTERM (Spring's graceful shutdown), then SIGKILL if it is still running after a while. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    destroyForcibly();
                }
            } catch (InterruptedException e) {
                destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        removeShutdownHook();
    }

    /** The last lines of the node's output. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", " + baseUrl() + ")";
    }

    private void destroyForcibly() {
        process.destroyForcibly();
        waitForExit(STOP_TIMEOUT);
    }

    private int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** A port nobody listens on now; the node binds it a moment later. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
