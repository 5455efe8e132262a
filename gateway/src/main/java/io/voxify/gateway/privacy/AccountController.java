package io.voxify.gateway.privacy;

import static io.voxify.gateway.web.RequestRecords.present;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Deleting an account: the person's own, with their password, or any user's by an administrator. */
@Tag(name = "Privacy")
@RestController
public class AccountController {
    private final AccountDeletion deletion;

    public AccountController(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    @Operation(
            summary = "Delete my account",
            description = "Ends every session, erases every personal field the platform holds about you (e-mail,"
                    + " names, texts, transcripts, addresses, callback URLs, voice profiles: their keys are destroyed,"
                    + " so they read as \"[erased]\" in the event history too) and removes your jobs, audio,"
                    + " samples, clones, favourites and ratings. The e-mail can register again. Cannot be undone.")
    @ApiResponse(
            responseCode = "200",
            description = "The account is deleted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = DeletionSchemas.DeletionEnvelope.class)))
    @ApiErrors({ErrorCode.MISSING_FIELDS, ErrorCode.INVALID_CREDENTIALS, ErrorCode.SERVICE_UNAVAILABLE})
    @DeleteMapping("/api/v1/auth/account")
    ResponseEntity<Map<String, Object>> deleteOwn(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody(required = false) DeleteAccountRequest body) {
        String password = present(body).password();
        return Envelope.ok(deletion.deleteOwn(AuthenticatedUser.from(jwt), password), "Account deleted");
    }

    @Operation(
            summary = "Delete a user's account",
            description = "As DELETE /api/v1/auth/account, for any account but the administrator's own.")
    @ApiResponse(
            responseCode = "200",
            description = "The account is deleted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = DeletionSchemas.DeletionEnvelope.class)))
    @ApiErrors({ErrorCode.USER_NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.SERVICE_UNAVAILABLE})
    @DeleteMapping("/api/v1/admin/users/{userId}")
    ResponseEntity<Map<String, Object>> deleteByAdministrator(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String userId) {
        return Envelope.ok(deletion.deleteByAdministrator(AuthenticatedUser.from(jwt), userId), "Account deleted");
    }
}
