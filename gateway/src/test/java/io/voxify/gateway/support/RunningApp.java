package io.voxify.gateway.support;

import io.voxify.gateway.VoxifyApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application, started as `make run` starts it (embedded default, its own data
 * directory), listening on 127.0.0.1 on a free port.
 */
public final class RunningApp implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@voxify.test";
    public static final String ADMIN_PASSWORD = "Admin-Pass-123";
    /** What Prometheus sends for /actuator/prometheus (Authorization: Bearer …). */
    public static final String METRICS_TOKEN = "test-scrape-token-0123456789abcdef";

    public static final String ALLOWED_ORIGIN = "https://console.voxify.test";

    private static RunningApp shared;

    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private RunningApp(Path dataDir, Map<String, Object> extra) {
        this.dataDir = dataDir;
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("server.address", "127.0.0.1");
        props.put("voxify.data-dir", dataDir.toString());
        props.put(
                "voxify.models-dir",
                installStandInVoice(dataDir.resolve("models")).toString());
        props.put("voxify.security.admin-email", ADMIN_EMAIL);
        props.put("voxify.security.admin-password", ADMIN_PASSWORD);
        props.put("voxify.synthesis.worker-threads", 1);
        props.put("voxify.sse.heartbeat", "PT1S");
        props.put("voxify.cors.allowed-origins", ALLOWED_ORIGIN);
        props.put("voxify.security.metrics-token", METRICS_TOKEN);
        props.put("logging.level.root", "WARN");
        // Tests make many requests from one address and poll jobs; the limits have tests of their own.
        props.put("voxify.limits.requests-per-minute", 1_000_000);
        props.put("voxify.limits.login-attempts-per-address", 1_000_000);
        props.putAll(extra);
        // Command-line arguments outrank application.yml (default properties would not).
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        this.context = new SpringApplicationBuilder(VoxifyApplication.class).run(args);
    }

    /** One application for the whole test run: starting Spring and Axon costs seconds. */
    public static synchronized RunningApp shared() {
        if (shared == null) {
            shared = start(tempDir("voxify-it-"), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * A master key for the personal-data keys that several nodes of one test share, as nodes sharing a database
     * must ({@code VOXIFY_PRIVACY_MASTER_KEY}): each node would otherwise make its own in its data directory.
     */
    public static String sharedMasterKey() {
        return MasterKey.VALUE;
    }

    private static final class MasterKey {
        static final String VALUE;

        static {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            VALUE = java.util.Base64.getEncoder().encodeToString(key);
        }
    }

    public static RunningApp start(Path dataDir, Map<String, Object> extra) {
        return new RunningApp(dataDir, extra);
    }

    /** The project's generated Piper stand-in voice, as `make voices` would install a real one. */
    public static Path installStandInVoice(Path models) {
        Path source = Path.of("..", "inference-engine", "src", "test", "resources", "piper");
        try {
            Files.createDirectories(models);
            for (String file : new String[] {"standin.onnx", "standin.onnx.json"}) {
                if (!Files.exists(models.resolve(file))) {
                    Files.copy(source.resolve(file), models.resolve(file));
                }
            }
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the Piper stand-in voice from " + source, e);
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public ApiClient client() {
        return new ApiClient(baseUrl());
    }

    /** The Prometheus scrape, as a scraper configured with the token gets it. */
    public ApiClient.Response scrape() {
        return client().get("/actuator/prometheus", Map.of("Authorization", "Bearer " + METRICS_TOKEN));
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
