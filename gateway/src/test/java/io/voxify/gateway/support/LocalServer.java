package io.voxify.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis or RabbitMQ server of the test's own: its own port on 127.0.0.1 and its own files, so
 * the test can stop it and start it again (same port, same data) without touching the machine's
 * shared servers, which other tests and sessions use. Each start is a child process of the test
 * JVM; a shutdown hook stops it if the test does not.
 */
public final class LocalServer implements AutoCloseable {
    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    private static final Path RABBITMQ_SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final Path workDir;
    private final Path log;
    private final Thread shutdownHook;
    private Process process;

    private LocalServer(String name, int port, Path workDir, List<String> command, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.workDir = workDir;
        this.command = command;
        this.environment = environment;
        this.log = workDir.resolve(name + ".log");
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@code redis-server} on a free loopback port, keeping nothing on disk. Not started yet. */
    public static LocalServer redis() {
        requireInstalled(REDIS_SERVER, "redis-server");
        int port = AppProcess.freeLoopbackPort();
        Path dir = tempDir("voxify-redis-");
        return new LocalServer(
                "redis",
                port,
                dir,
                List.of(
                        REDIS_SERVER.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString()),
                Map.of());
    }

    /**
     * A RabbitMQ node of its own ({@code voxify-it-<port>@localhost}), its AMQP and distribution
     * listeners on 127.0.0.1 only, its database, logs and Erlang cookie in a temporary directory.
     * It registers with the machine's epmd (which the installed broker runs); the machine's
     * {@code /etc/rabbitmq} files are not read. Queues and persistent messages survive a restart,
     * as on any broker. Not started yet.
     */
    public static LocalServer rabbitmq() {
        requireInstalled(RABBITMQ_SERVER, "rabbitmq-server");
        int port = AppProcess.freeLoopbackPort();
        int distributionPort = AppProcess.freeLoopbackPort();
        Path dir = tempDir("voxify-rabbitmq-");
        try {
            Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + port + "\n");
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
            Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = Map.ofEntries(
                Map.entry("HOME", dir.toString()),
                Map.entry("RABBITMQ_NODENAME", "voxify-it-" + port + "@localhost"),
                Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(port)),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distributionPort)),
                Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString()),
                Map.entry(
                        "RABBITMQ_ENABLED_PLUGINS_FILE",
                        dir.resolve("enabled_plugins").toString()),
                Map.entry(
                        "RABBITMQ_CONF_ENV_FILE",
                        dir.resolve("rabbitmq-env.conf").toString()),
                Map.entry("ERL_EPMD_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"));
        return new LocalServer("rabbitmq", port, dir, List.of(RABBITMQ_SERVER.toString()), env);
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server and returns once it accepts connections. */
    public synchronized LocalServer start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepting()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String tail = tail();
                stopQuietly();
                throw new IllegalStateException(
                        name + " did not open 127.0.0.1:" + port + " within " + START_TIMEOUT + ":\n" + tail);
            }
            ApiClient.sleep(200);
        }
        return this;
    }

    /**
     * Stops the server as an operator does (SIGTERM: Redis and RabbitMQ shut down cleanly), and
     * returns once it is gone and its port closed.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // The Erlang VM and its helpers are children of the start script; none may outlive it.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (accepting() && System.nanoTime() < deadline) {
            ApiClient.sleep(100);
        }
    }

    /** Stops the server and removes its files. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // shutting down anyway
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static void requireInstalled(Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(
                    binary + " is needed: scripts/ensure-services.sh installs " + debianPackage);
        }
    }

    private static Path tempDir(String prefix) {
        return RunningApp.tempDir(prefix);
    }
}
