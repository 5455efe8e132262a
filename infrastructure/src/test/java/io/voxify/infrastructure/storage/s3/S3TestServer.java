package io.voxify.infrastructure.storage.s3;

import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3 server for tests: s3proxy (the build copies its self-contained jar into
 * `target/s3proxy`) run as its own Java process on 127.0.0.1, storing objects as files in a
 * temporary directory, and checking AWS signatures against a credential made for this run.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    private static final String JAR_PROPERTY = "voxify.test.s3proxy-jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final Process process;
    private final int port;
    private final String accessKey = "voxify-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secretKey = UUID.randomUUID().toString().replace("-", "");
    private final Thread shutdownHook;

    private S3TestServer() throws IOException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No s3proxy jar at " + jar.toAbsolutePath()
                    + ": run the tests through Maven (the dependency plugin copies it in generate-test-resources)");
        }
        workDir = Files.createTempDirectory("voxify-s3proxy-");
        Path data = Files.createDirectories(workDir.resolve("data"));
        port = freeLoopbackPort();
        Properties config = new Properties();
        config.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        config.setProperty("s3proxy.identity", accessKey);
        config.setProperty("s3proxy.credential", secretKey);
        config.setProperty("jclouds.provider", "filesystem");
        config.setProperty("jclouds.filesystem.basedir", data.toString());
        Path properties = workDir.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(properties)) {
            config.store(out, "s3proxy for a Voxify test");
        }
        Path log = workDir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--properties",
                        properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        shutdownHook = new Thread(this::stop, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitPort(log);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a server and returns once it accepts connections. */
    public static S3TestServer start() {
        try {
            return new S3TestServer();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start s3proxy", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A client of its own, to look into buckets behind the application's back. */
    public MinioClient client() {
        return MinioClient.builder()
                .endpoint(endpoint())
                .region(REGION)
                .credentials(accessKey, secretKey)
                .build();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(Path log) {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(
                "s3proxy did not open port " + port + " within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    /** Stops the server and removes everything it stored; closing again does nothing. */
    @Override
    public void close() {
        boolean running;
        try {
            running = Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook stops it
        }
        if (running) {
            stop();
        }
    }
}
