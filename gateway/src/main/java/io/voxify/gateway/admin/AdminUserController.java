package io.voxify.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.AccessChange;
import io.voxify.events.user.ChangeUserAccessCommand;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserView;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.auth.UserResponse;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.security.SessionVersions;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.RequestFields;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.tokens.RefreshTokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account access for administrators. Disabling an account or changing its role ends its
 * current sessions at once: their access tokens and signed links fail the session-version check
 * on their next use, and (when disabled) their refresh tokens are revoked. After a role change a
 * refresh token still works and gets an access token with the new role.
 */
@Tag(name = "Administration")
@RestController
@RequestMapping("/api/v1/admin/users")
public class AdminUserController {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewAwaiter views;
    private final SessionVersions sessions;
    private final RefreshTokenStore refreshTokens;

    public AdminUserController(
            CommandGateway commands,
            QueryGateway queries,
            ViewAwaiter views,
            SessionVersions sessions,
            RefreshTokenStore refreshTokens) {
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
    }

    @ApiErrors({ErrorCode.USER_NOT_FOUND, ErrorCode.CONFLICT})
    @PatchMapping("/{userId}")
    ResponseEntity<Envelope<UserResponse>> change(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String userId,
            @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser admin = AuthenticatedUser.from(jwt);
        RequestFields fields = RequestFields.of(body);
        Boolean active = fields.bool("is_active");
        String roleName = fields.oneOf("role", List.of("user", "auditor", "admin"));
        if (active == null && roleName == null) {
            fields.error("is_active", "is_active or role is required");
        }
        fields.validate(ErrorCode.VALIDATION_ERROR);
        Role role = roleName == null ? null : Role.fromWire(roleName);
        UserView current = queries.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "User " + userId + " was not found"));
        if (admin.userId().equals(userId) && (Boolean.FALSE.equals(active) || (role != null && role != Role.ADMIN))) {
            throw new DomainException(
                    ErrorCode.CONFLICT,
                    "Administrators cannot disable or demote themselves; ask another administrator");
        }
        // What changed is the account's answer, not a comparison with the read model, which may lag.
        AccessChange change = commands.sendAndWait(new ChangeUserAccessCommand(userId, active, role, admin.userId()));
        if (change.disabled()) {
            refreshTokens.revokeAllOf(userId);
        }
        if (change.endsSessions()) {
            sessions.bump(userId);
        }
        UserView updated = views.await(
                        new FindUserQuery(userId),
                        UserView.class,
                        u -> (active == null || u.enabled() == active)
                                && (role == null || Objects.equals(u.role(), role)),
                        Duration.ofSeconds(10))
                .orElse(current);
        return Envelope.ok(UserResponse.of(updated), "User updated");
    }
}
