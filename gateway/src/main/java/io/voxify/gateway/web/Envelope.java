package io.voxify.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.events.common.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one response shape of a success: {@code success, data, message?, meta?, timestamp}. {@code data} is
 * written even when null (a deletion answers {@code "data": null}); {@code message} and {@code meta} only
 * when there is one. A refusal is an {@link ErrorEnvelope}; the factories for both live here so a handler
 * reads {@code Envelope.ok(...)} or {@code Envelope.error(...)}.
 *
 * @param meta what a list says about itself ({@link ListMeta}, or a feature's own with more beside the
 *     pagination)
 * @param timestamp when the answer was made, in the API's one time format ({@link #iso})
 */
@JsonPropertyOrder({"success", "data", "message", "meta", "timestamp"})
public record Envelope<T>(
        boolean success,

        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true)
        T data,

        @JsonInclude(JsonInclude.Include.NON_NULL) String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) Meta meta,

        @Schema(format = "date-time", example = "2024-01-15T10:30:00.000Z")
        String timestamp) {

    /** The envelope's {@code meta}: what a list says about itself beside its items. */
    public interface Meta {}

    public static <T> Envelope<T> success(T data, String message, Meta meta) {
        return new Envelope<>(true, data, message, meta, now());
    }

    public static <T> ResponseEntity<Envelope<T>> ok(T data) {
        return ResponseEntity.ok(success(data, null, null));
    }

    public static <T> ResponseEntity<Envelope<T>> ok(T data, String message) {
        return ResponseEntity.ok(success(data, message, null));
    }

    public static ErrorEnvelope failure(String code, String message, Object details) {
        return new ErrorEnvelope(false, null, message, new ApiError(code, message, details), now());
    }

    /** Errors always go out as JSON, whatever the client asked for (an SSE client included). */
    public static ResponseEntity<ErrorEnvelope> error(ErrorCode code, String message, Object details) {
        return error(ErrorStatuses.of(code), code.name(), message, details);
    }

    public static ResponseEntity<ErrorEnvelope> error(int status, String code, String message, Object details) {
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
