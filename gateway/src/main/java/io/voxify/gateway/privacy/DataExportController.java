package io.voxify.gateway.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.UserView;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.auth.AuthService;
import io.voxify.gateway.limits.LimitExceededException;
import io.voxify.gateway.limits.RateLimitDetails;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.RefusalWithHeaders;
import io.voxify.infrastructure.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's own data, for them to take away (the right of access and to portability). The export is written to a
 * file of its own first ({@link ExportFiles}) and sent only once it is whole, so a failure half-way still answers the
 * error envelope rather than half a document; the file is removed on every path. Exports cost a read of everything a
 * person has, so each person may ask for a few per window ({@link ExportProperties}), counted in the shared
 * rate-limit store like the other per-user limits; an export that failed before it was sent is not counted.
 */
@Tag(name = "Authentication")
@RestController
@RequestMapping("/api/v1/auth")
public class DataExportController {
    private static final Logger log = LoggerFactory.getLogger(DataExportController.class);

    private final AuthService auth;
    private final DataExport export;
    private final RateLimiter limiter;
    private final ExportProperties properties;
    private final ExportFiles files;

    public DataExportController(
            AuthService auth, DataExport export, RateLimiter limiter, ExportProperties properties, ExportFiles files) {
        this.auth = auth;
        this.export = export;
        this.limiter = limiter;
        this.properties = properties;
        this.files = files;
    }

    @Operation(
            summary = "Everything held about you, as one JSON document",
            description = "Your profile, favourites and ratings, jobs with their texts, samples' metadata, clones, "
                    + "training jobs, your webhook secret's generation (never the secret) and the audit history of "
                    + "your account and resources (secrets redacted), in the envelope, as an attachment "
                    + "(voxify-export-<date>.json). Audio is linked, not included: each job's and sample's `audio` "
                    + "is a signed link for this session, valid until its `expires_at`. Each list holds at most "
                    + "`limits.max_items` items (the audit history `limits.max_audit_events`, oldest first) and says "
                    + "whether it was cut (`truncated`). At most a few exports per hour (voxify.export.per-window); "
                    + "past that, 429 RATE_LIMITED with Retry-After.")
    @ApiResponse(
            responseCode = "200",
            description = "The export",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ExportSchemas.ExportEnvelope.class)))
    @ApiErrors({ErrorCode.RATE_LIMITED, ErrorCode.SERVICE_UNAVAILABLE})
    @GetMapping("/export")
    void export(@AuthenticationPrincipal Jwt jwt, HttpServletResponse response) throws IOException {
        String userId = AuthenticatedUser.from(jwt).userId();
        RateLimiter.Limit limit = new RateLimiter.Limit(properties.perWindow(), properties.window());
        String key = "exports:user:" + userId;
        admit(key, limit);
        Instant now = Instant.now();
        files.writeThenSend(
                out -> {
                    try {
                        UserView user = auth.profile(userId);
                        export.write(user, jwt, now, out);
                    } catch (IOException | RuntimeException failed) {
                        limiter.refund(key, limit);
                        throw failed;
                    }
                },
                file -> send(file, now, response));
    }

    private static void send(Path file, Instant now, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLengthLong(Files.size(file));
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"voxify-export-"
                        + now.atOffset(ZoneOffset.UTC).toLocalDate() + ".json\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(response.getOutputStream());
        }
    }

    private void admit(String key, RateLimiter.Limit limit) {
        RateLimiter.Decision decision;
        try {
            decision = limiter.consume(key, limit);
        } catch (RuntimeException storeDown) {
            log.warn("Rate-limit store unavailable: {}", storeDown.toString());
            throw new RefusalWithHeaders(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is briefly unavailable; try again in a few seconds",
                    null,
                    Map.of("Retry-After", "5"));
        }
        if (!decision.allowed()) {
            long seconds = Math.max(1, decision.retryAfterSeconds());
            throw new LimitExceededException(
                    ErrorCode.RATE_LIMITED,
                    "Too many exports: at most " + limit.capacity() + " per " + window(limit) + "; try again in "
                            + seconds + " s",
                    new RateLimitDetails("export", limit.capacity(), seconds),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private static String window(RateLimiter.Limit limit) {
        long minutes = limit.window().toMinutes();
        return minutes == 60 ? "hour" : minutes + " minutes";
    }
}
