package io.voxify.gateway.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code voxify.log-format} ({@code VOXIFY_LOG_FORMAT}) into Spring Boot's structured
 * logging: {@code text} (the default) keeps the human-readable console, {@code json} writes one
 * JSON object per line in the Elastic Common Schema, with the request context (request id,
 * correlation id, user id) as fields; {@code ecs}, {@code logstash} and
 * {@code gelf} pick a schema by name. Runs before the logging system starts, and an explicit
 * {@code logging.structured.format.*} setting still wins. An unknown value stops start-up: a
 * log pipeline expecting JSON should not silently receive text.
 */
public class LogFormat implements EnvironmentPostProcessor {
    public static final String PROPERTY = "voxify.log-format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
        String format = switch (value) {
            case "", "text" -> null;
            case "json" -> "ecs";
            case "ecs", "logstash", "gelf" -> value;
            default ->
                throw new IllegalStateException(
                        "VOXIFY_LOG_FORMAT must be text, json, ecs, logstash or gelf, not '" + value + "'");
        };
        if (format == null) {
            return;
        }
        Map<String, Object> structured = new HashMap<>();
        structured.put("logging.structured.format.console", format);
        structured.put("logging.structured.format.file", format);
        environment.getPropertySources().addLast(new MapPropertySource("voxify-log-format", structured));
    }
}
