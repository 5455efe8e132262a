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
import io.voxify.gateway.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
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
    private final AuthService auth;
    private final DataExport export;
    private final ExportAllowance allowance;
    private final ExportFiles files;

    public DataExportController(AuthService auth, DataExport export, ExportAllowance allowance, ExportFiles files) {
        this.auth = auth;
        this.export = export;
        this.allowance = allowance;
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
        allowance.admit(userId);
        Instant now = Instant.now();
        files.writeThenSend(
                out -> {
                    try {
                        UserView user = auth.profile(userId);
                        export.write(user, jwt, now, out);
                    } catch (IOException | RuntimeException failed) {
                        allowance.refund(userId);
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
}
