package io.voxify.gateway.support;

import io.voxify.infrastructure.PostgresDatabase;
import io.voxify.infrastructure.storage.s3.S3TestServer;
import io.voxify.infrastructure.vector.chroma.ChromaTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A scale-out deployment on loopback: application nodes as separate JVMs on the infra profile,
 * sharing a fresh PostgreSQL database, an S3 server, the Chroma server, and a Redis and a
 * RabbitMQ of the cluster's own ({@link LocalServer}), so a test may restart those without
 * disturbing anyone else. Every node gets the same signing key (a token issued by one API node
 * is good on the others) and administrator, and a data directory of its own.
 */
public final class ScaleOutCluster implements AutoCloseable {
    public static final String API = "api";
    public static final String WORKER = "worker";

    private final List<String> jvmOptions;
    private final String jwtSecret;
    private final Path dataRoot = RunningApp.tempDir("voxify-scale-out-");
    private final Path logDir;
    private final List<AppProcess> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final PostgresDatabase database;
    private final S3TestServer s3;
    private final LocalServer redis;
    private final LocalServer rabbitmq;
    private final String chromaUrl;

    private ScaleOutCluster(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.jwtSecret = Base64.getEncoder().encodeToString(key);
        CompletableFuture<LocalServer> broker = null;
        try {
            database = remember(new PostgresDatabase());
            logDir = Path.of("target", "scale-out", database.name()).toAbsolutePath();
            rabbitmq = remember(LocalServer.rabbitmq());
            broker = CompletableFuture.supplyAsync(rabbitmq::start);
            redis = remember(LocalServer.redis()).start();
            s3 = remember(S3TestServer.start());
            chromaUrl = ChromaTestServer.shared().url();
            broker.join();
        } catch (RuntimeException | Error e) {
            // ChromaTestServer reports a missing install with an AssertionError: clean up for that too,
            // once the broker's start has finished either way (else it would start after the clean-up).
            if (broker != null) {
                broker.exceptionally(failed -> null).join();
            }
            close();
            throw e;
        }
    }

    /** The shared servers, started; no node yet. {@code jvmOptions} go to every node's JVM. */
    public static ScaleOutCluster start(List<String> jvmOptions) {
        return new ScaleOutCluster(jvmOptions);
    }

    /** Starts a node and waits until it is ready. */
    public AppProcess start(String name, String role) {
        return launch(name, role).awaitReady();
    }

    /** Starts several nodes side by side ({@code name -> role}) and waits until all are ready. */
    public List<AppProcess> startAll(Map<String, String> roles) {
        List<AppProcess> started = new ArrayList<>();
        roles.forEach((name, role) -> started.add(launch(name, role)));
        started.forEach(AppProcess::awaitReady);
        return started;
    }

    /** Starts a node without waiting. Its log is {@code target/scale-out/<database>/<name>.log}. */
    AppProcess launch(String name, String role) {
        Path dataDir;
        try {
            dataDir = Files.createDirectories(dataRoot.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AppProcess node = AppProcess.launch(name, dataDir, logDir, jvmOptions, properties(role));
        nodes.add(node);
        return node;
    }

    /** The configuration every node shares, as command-line arguments would give it. */
    private Map<String, String> properties(String role) {
        String name = database.name();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.profiles.active", "infra");
        p.put("voxify.role", role);
        p.put("spring.datasource.url", database.url());
        p.put("spring.datasource.username", PostgresDatabase.USER);
        p.put("spring.datasource.password", "");
        // Four nodes and the machine's other tests share PostgreSQL's 100 connections.
        p.put("spring.datasource.hikari.maximum-pool-size", "6");
        p.put("spring.data.redis.url", "redis://127.0.0.1:" + redis.port());
        p.put("spring.rabbitmq.addresses", "amqp://guest:guest@127.0.0.1:" + rabbitmq.port());
        p.put("voxify.storage.s3.endpoint", s3.endpoint());
        p.put("voxify.storage.s3.access-key", s3.accessKey());
        p.put("voxify.storage.s3.secret-key", s3.secretKey());
        p.put("voxify.storage.s3.bucket", name.replace('_', '-'));
        p.put("voxify.vectors.chroma.url", chromaUrl);
        p.put("voxify.vectors.chroma.collection", name);
        p.put("voxify.rate-limits.redis-prefix", "voxify-it:" + name + ":rl:");
        p.put("voxify.refresh-tokens.redis-prefix", "voxify-it:" + name + ":rt:");
        p.put("voxify.streaming.redis-prefix", "voxify-it:" + name + ":audio:");
        p.put("voxify.rabbitmq.prefix", "voxify-it-" + name);
        p.put("voxify.security.jwt-secret", jwtSecret);
        p.put("voxify.privacy.master-key", RunningApp.sharedMasterKey());
        p.put("voxify.security.admin-email", RunningApp.ADMIN_EMAIL);
        p.put("voxify.security.admin-password", RunningApp.ADMIN_PASSWORD);
        p.put("voxify.synthesis.worker-threads", "1");
        p.put("voxify.sse.heartbeat", "PT1S");
        // Tests poll from one address; the rate-limit test sets its own limit at run time.
        p.put("voxify.limits.requests-per-minute", "1000000");
        p.put("voxify.limits.login-attempts-per-address", "1000000");
        p.put("logging.level.root", "WARN");
        p.put("logging.level.io.voxify", "INFO");
        p.put("logging.level.io.voxify.access", "WARN");
        p.put("logging.level.org.springframework.boot.web.embedded.tomcat", "INFO");
        return p;
    }

    public LocalServer redis() {
        return redis;
    }

    public LocalServer rabbitmq() {
        return rabbitmq;
    }

    /** The end of every node's log, for a failure report. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (AppProcess node : nodes) {
            out.append("\n===== ")
                    .append(node)
                    .append(", ")
                    .append(node.log())
                    .append(" =====\n")
                    .append(node.tail(40))
                    .append('\n');
        }
        return out.toString();
    }

    /** Stops every node (side by side), then the servers, and drops the database. */
    @Override
    public void close() {
        nodes.parallelStream().forEach(AppProcess::close);
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop " + servers.get(i) + ": " + e);
            }
        }
        try (Stream<Path> files = Files.walk(dataRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private <T extends AutoCloseable> T remember(T server) {
        servers.add(server);
        return server;
    }
}
