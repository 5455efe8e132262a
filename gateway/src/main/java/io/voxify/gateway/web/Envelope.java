package io.voxify.gateway.web;

import io.voxify.events.common.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The one response shape of the API: success, data, message, error, meta, timestamp. */
public final class Envelope {

    private Envelope() {}

    public static Map<String, Object> success(Object data, String message, Map<String, Object> meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        if (message != null) {
            body.put("message", message);
        }
        if (meta != null) {
            body.put("meta", meta);
        }
        body.put("timestamp", now());
        return body;
    }

    public static Map<String, Object> failure(String code, String message, Object details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("data", null);
        body.put("message", message);
        body.put("error", error);
        body.put("timestamp", now());
        return body;
    }

    public static ResponseEntity<Map<String, Object>> ok(Object data) {
        return ResponseEntity.ok(success(data, null, null));
    }

    public static ResponseEntity<Map<String, Object>> ok(Object data, String message) {
        return ResponseEntity.ok(success(data, message, null));
    }

    /** Errors always go out as JSON, whatever the client asked for (an SSE client included). */
    public static ResponseEntity<Map<String, Object>> error(ErrorCode code, String message, Object details) {
        return error(ErrorStatuses.of(code), code.name(), message, details);
    }

    public static ResponseEntity<Map<String, Object>> error(int status, String code, String message, Object details) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(failure(code, message, details));
    }

    public static String now() {
        return iso(Instant.now());
    }

    /**
     * Every time the API shows, in one shape: ISO-8601 in UTC with exactly three fractional digits and a
     * {@code Z} ({@code 2024-01-15T10:30:00.000Z}), so clients can parse them with one pattern.
     */
    public static final java.time.format.DateTimeFormatter TIMESTAMP = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    public static String iso(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Writes an error envelope from a servlet filter, outside Spring MVC's error handling. */
    public static void write(
            jakarta.servlet.http.HttpServletResponse response,
            com.fasterxml.jackson.databind.ObjectMapper json,
            io.voxify.events.common.ErrorCode code,
            String message,
            Object details)
            throws java.io.IOException {
        response.setStatus(ErrorStatuses.of(code));
        response.setContentType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), failure(code.name(), message, details));
    }
}
