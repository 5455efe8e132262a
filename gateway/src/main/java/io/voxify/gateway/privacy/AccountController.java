package io.voxify.gateway.privacy;

import static io.voxify.gateway.web.RequestRecords.present;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.auth.AuthService;
import io.voxify.gateway.limits.LoginThrottle;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.concurrent.CompletableFuture;
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
    private final AuthService auth;
    private final LoginThrottle throttle;

    public AccountController(AccountDeletion deletion, AuthService auth, LoginThrottle throttle) {
        this.deletion = deletion;
        this.auth = auth;
        this.throttle = throttle;
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
    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.RATE_LIMITED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @DeleteMapping("/api/v1/auth/account")
    CompletableFuture<ResponseEntity<Envelope<AccountDeletionResponse>>> deleteOwn(
            @AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody(required = false) DeleteAccountRequest body,
            HttpServletRequest request) {
        String password = present(body).password();
        AuthenticatedUser caller = AuthenticatedUser.from(jwt);
        // The password is guessed here no faster than at sign-in: a stolen access token is no way round the
        // sign-in throttle (the same buckets and pacing, by the account's e-mail and the caller's address).
        String email = auth.profile(caller.userId()).email();
        return throttle.attempt(email, request.getRemoteAddr(), () -> deletion.deleteOwn(caller, password))
                .thenApply(deleted -> Envelope.ok(deleted, "Account deleted"));
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
    ResponseEntity<Envelope<AccountDeletionResponse>> deleteByAdministrator(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String userId) {
        return Envelope.ok(deletion.deleteByAdministrator(AuthenticatedUser.from(jwt), userId), "Account deleted");
    }
}
