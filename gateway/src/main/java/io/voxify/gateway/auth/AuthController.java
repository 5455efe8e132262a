package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.voxify.gateway.web.RequestFields;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private static final int MAX_NAME = 100;

    private final AuthService auth;

    private final PlatformSettings settings;
    private final LoginThrottle throttle;

    public AuthController(AuthService auth, PlatformSettings settings, LoginThrottle throttle) {
        this.auth = auth;
        this.settings = settings;
        this.throttle = throttle;
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
    ResponseEntity<Map<String, Object>> register(@RequestBody(required = false) JsonNode body) {
        if (!settings.config().registrationOpen()) {
            throw new DomainException(ErrorCode.REGISTRATION_CLOSED, "Registration is closed on this platform");
        }
        RequestFields fields = RequestFields.of(body);
        String rawEmail = fields.requiredText("email");
        String password = fields.requiredText("password");
        String firstName = fields.text("first_name", MAX_NAME);
        String lastName = fields.text("last_name", MAX_NAME);
        fields.validate(ErrorCode.VALIDATION_ERROR);
        String email = Credentials.normaliseEmail(rawEmail);
        Credentials.checkStrength(password);
        String userId = auth.register(email, password, trim(firstName), trim(lastName), Role.USER);
        UserView user = auth.profile(userId);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.success(userJson(user), "User registered successfully", null));
    }

    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.ACCOUNT_DISABLED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/login")
    CompletableFuture<ResponseEntity<Map<String, Object>>> login(
            @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        RequestFields fields = RequestFields.of(body);
        String rawEmail = fields.requiredText("email");
        String password = fields.requiredText("password");
        fields.validate(ErrorCode.VALIDATION_ERROR);
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        String address = request.getRemoteAddr();
        // A paced attempt is answered when its slot is due, without holding this thread (LoginThrottle).
        return throttle.attempt(email, address, () -> auth.login(email, password, address))
                .thenApply(session -> Envelope.ok(sessionJson(session), "Login successful"));
    }

    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.INVALID_TOKEN,
        ErrorCode.ACCOUNT_DISABLED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/refresh")
    ResponseEntity<Map<String, Object>> refresh(@RequestBody(required = false) JsonNode body) {
        RequestFields fields = RequestFields.of(body);
        String token = fields.requiredText("refresh_token");
        fields.validate(ErrorCode.VALIDATION_ERROR);
        return Envelope.ok(sessionJson(auth.refresh(token)), "Token refreshed");
    }

    @PostMapping("/logout")
    ResponseEntity<Map<String, Object>> logout(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        String refresh = body != null
                        && body.isObject()
                        && body.hasNonNull("refresh_token")
                        && body.get("refresh_token").isTextual()
                ? body.get("refresh_token").asText()
                : null;
        auth.logout(jwt, refresh);
        return Envelope.ok(null, "Logged out");
    }

    @ApiErrors({ErrorCode.SERVICE_UNAVAILABLE})
    @GetMapping("/profile")
    ResponseEntity<Map<String, Object>> profile(@AuthenticationPrincipal Jwt jwt) {
        return Envelope.ok(userJson(auth.profile(AuthenticatedUser.from(jwt).userId())));
    }

    @ApiErrors({
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.ACCOUNT_DISABLED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PatchMapping("/profile")
    ResponseEntity<Map<String, Object>> updateProfile(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        RequestFields fields = RequestFields.of(body);
        String firstName = fields.text("first_name", MAX_NAME);
        String lastName = fields.text("last_name", MAX_NAME);
        String currentPassword = fields.text("current_password", 1024);
        String newPassword = fields.text("new_password", 1024);
        if (newPassword != null && currentPassword == null) {
            fields.error("current_password", "is required to change the password");
        }
        for (String readOnly : new String[] {"email", "role", "id", "user_id"}) {
            if (fields.has(readOnly)) {
                fields.error(readOnly, "cannot be changed here");
            }
        }
        fields.validate(ErrorCode.VALIDATION_ERROR);
        if (newPassword != null) {
            Credentials.checkStrength(newPassword);
        }
        UserView user = auth.updateProfile(
                AuthenticatedUser.from(jwt).userId(), trim(firstName), trim(lastName), currentPassword, newPassword);
        return Envelope.ok(userJson(user), "Profile updated");
    }

    static Map<String, Object> sessionJson(AuthService.Session session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_token", session.access().value());
        data.put("refresh_token", session.refreshToken());
        data.put("token_type", "Bearer");
        data.put("expires_in", session.access().expiresInSeconds());
        data.put("expires_at", Envelope.iso(session.access().expiresAt()));
        data.put("user", userJson(session.user()));
        return data;
    }

    public static Map<String, Object> userJson(UserView user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", user.userId());
        data.put("email", user.email());
        data.put("first_name", user.firstName());
        data.put("last_name", user.lastName());
        data.put("role", user.role().wireName());
        data.put("is_active", user.enabled());
        data.put("created_at", Envelope.iso(user.createdAt()));
        data.put("updated_at", Envelope.iso(user.updatedAt()));
        data.put("last_login_at", Envelope.iso(user.lastLoginAt()));
        data.put("selected_voice_id", user.selectedVoiceId());
        return data;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
