package io.voxify.gateway.auth;

import static io.voxify.gateway.web.RequestRecords.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.limits.LoginThrottle;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.RequestViolations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Authentication")
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {
    static final int MAX_NAME = 100;

    private final AuthService auth;

    private final PlatformSettings settings;
    private final LoginThrottle throttle;
    private final RequestViolations requests;

    public AuthController(
            AuthService auth, PlatformSettings settings, LoginThrottle throttle, RequestViolations requests) {
        this.auth = auth;
        this.settings = settings;
        this.throttle = throttle;
        this.requests = requests;
    }

    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.INVALID_EMAIL,
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.EMAIL_EXISTS,
        ErrorCode.REGISTRATION_CLOSED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/register")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = RegisterRequest.class)))
    ResponseEntity<Envelope<UserResponse>> register(@RequestBody(required = false) JsonNode body) {
        // A closed platform says so whatever the body holds, so the body is read only past this check.
        if (!settings.config().registrationOpen()) {
            throw new DomainException(ErrorCode.REGISTRATION_CLOSED, "Registration is closed on this platform");
        }
        RegisterRequest request = requests.read(body, RegisterRequest.class);
        String email = Credentials.normaliseEmail(request.email());
        Credentials.checkStrength(request.password());
        String userId = auth.register(
                email, request.password(), trim(request.firstName()), trim(request.lastName()), Role.USER);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.success(UserResponse.of(auth.profile(userId)), "User registered successfully", null));
    }

    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.ACCOUNT_DISABLED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/login")
    CompletableFuture<ResponseEntity<Envelope<SessionResponse>>> login(
            @Valid @RequestBody(required = false) LoginRequest body, HttpServletRequest request) {
        String email = present(body).email().trim().toLowerCase(Locale.ROOT);
        String password = body.password();
        String address = request.getRemoteAddr();
        // A paced attempt is answered when its slot is due, without holding this thread (LoginThrottle).
        return throttle.attempt(email, address, () -> auth.login(email, password, address))
                .thenApply(session -> Envelope.ok(SessionResponse.of(session), "Login successful"));
    }

    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.INVALID_TOKEN,
        ErrorCode.ACCOUNT_DISABLED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/refresh")
    ResponseEntity<Envelope<SessionResponse>> refresh(@Valid @RequestBody(required = false) RefreshRequest body) {
        return Envelope.ok(SessionResponse.of(auth.refresh(present(body).refreshToken())), "Token refreshed");
    }

    @PostMapping("/logout")
    ResponseEntity<Envelope<Void>> logout(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) LogoutRequest body) {
        auth.logout(jwt, body == null ? null : body.refreshToken());
        return Envelope.ok(null, "Logged out");
    }

    @ApiErrors({ErrorCode.SERVICE_UNAVAILABLE})
    @GetMapping("/profile")
    ResponseEntity<Envelope<UserResponse>> profile(@AuthenticationPrincipal Jwt jwt) {
        return Envelope.ok(
                UserResponse.of(auth.profile(AuthenticatedUser.from(jwt).userId())));
    }

    @ApiErrors({
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.ACCOUNT_DISABLED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PatchMapping("/profile")
    ResponseEntity<Envelope<UserResponse>> updateProfile(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody(required = false) UpdateProfileRequest body) {
        String newPassword = present(body).newPassword();
        if (newPassword != null) {
            Credentials.checkStrength(newPassword);
        }
        UserView user = auth.updateProfile(
                AuthenticatedUser.from(jwt).userId(),
                trim(body.firstName()),
                trim(body.lastName()),
                body.currentPassword(),
                newPassword);
        return Envelope.ok(UserResponse.of(user), "Profile updated");
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
