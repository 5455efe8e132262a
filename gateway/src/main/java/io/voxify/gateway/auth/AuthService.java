package io.voxify.gateway.auth;

import io.voxify.command.user.EmailRegistry;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.AuthenticateUserCommand;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.RegisterUserCommand;
import io.voxify.events.user.Role;
import io.voxify.events.user.UpdateUserProfileCommand;
import io.voxify.events.user.UserView;
import io.voxify.gateway.security.AccessTokenRevocations;
import io.voxify.gateway.security.TokenService;
import io.voxify.gateway.web.Ids;
import io.voxify.gateway.web.ViewAwaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AuthService {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final EmailRegistry emails;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenRevocations revocations;
    private final ViewAwaiter views;
    private final Duration refreshTtl;
    private final CompletableFuture<String> unknownUserHash;

    public AuthService(CommandGateway commands, EmailRegistry emails, PasswordEncoder passwords, TokenService tokens,
                       RefreshTokenStore refreshTokens, AccessTokenRevocations revocations, ViewAwaiter views,
                       @Value("${voxify.security.refresh-token-ttl}") Duration refreshTtl) {
        this.commands = commands;
        this.emails = emails;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.views = views;
        this.refreshTtl = refreshTtl;
        // Compared against when the e-mail is unknown, so both failures cost one bcrypt check. Made
        // beside start-up rather than in it (a bcrypt hash costs a fifth of a second of CPU).
        this.unknownUserHash = CompletableFuture.supplyAsync(
                () -> passwords.encode("unknown-user-" + Instant.now().toEpochMilli()));
    }

    /** Claims the e-mail and registers the account in one transaction: both happen or neither. */
    @Transactional
    public String register(String email, String password, String firstName, String lastName, Role role) {
        String userId = Ids.newId("user");
        emails.claim(email, userId);
        commands.sendAndWait(new RegisterUserCommand(userId, email, passwords.encode(password), firstName, lastName,
                role));
        return userId;
    }

    public boolean emailTaken(String email) {
        return emails.userIdFor(email).isPresent();
    }

    public Session login(String email, String password, String clientAddress) {
        String userId = emails.userIdFor(email).orElse(null);
        if (userId == null) {
            passwords.matches(password, unknownUserHash.join());
            throw invalidCredentials();
        }
        Instant attempt = Instant.now().minusSeconds(1);
        commands.sendAndWait(new AuthenticateUserCommand(userId, password, clientAddress));
        UserView user = views.await(new FindUserQuery(userId), UserView.class,
                u -> u.lastLoginAt() != null && u.lastLoginAt().isAfter(attempt), VIEW_WAIT)
                .orElseGet(() -> awaitUser(userId));
        return startSession(user, Ids.newId("fam"));
    }

    public Session refresh(String refreshToken) {
        Instant now = Instant.now();
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(refreshToken, now, now.plus(refreshTtl));
        UserView user = awaitUser(rotation.userId());
        if (!user.enabled()) {
            refreshTokens.revokeAllOf(user.userId());
            throw new DomainException(ErrorCode.ACCOUNT_DISABLED, "This account has been disabled");
        }
        TokenService.IssuedToken access = tokens.issueAccessToken(user.userId(), user.email(), user.role());
        return new Session(access, rotation.newToken(), user);
    }

    public void logout(String accessTokenId, Instant accessExpiry, String refreshToken) {
        revocations.revoke(accessTokenId, accessExpiry);
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    public UserView profile(String userId) {
        return awaitUser(userId);
    }

    public UserView updateProfile(String userId, String firstName, String lastName, String currentPassword,
                                  String newPassword) {
        String newHash = newPassword == null ? null : passwords.encode(newPassword);
        commands.sendAndWait(new UpdateUserProfileCommand(userId, firstName, lastName, currentPassword, newHash));
        if (newHash != null) {
            refreshTokens.revokeAllOf(userId);
        }
        return views.await(new FindUserQuery(userId), UserView.class,
                u -> (firstName == null || Objects.equals(firstName, u.firstName()))
                        && (lastName == null || Objects.equals(lastName, u.lastName())), VIEW_WAIT)
                .orElseGet(() -> awaitUser(userId));
    }

    private Session startSession(UserView user, String familyId) {
        TokenService.IssuedToken access = tokens.issueAccessToken(user.userId(), user.email(), user.role());
        String refresh = refreshTokens.issue(user.userId(), familyId, Instant.now().plus(refreshTtl));
        return new Session(access, refresh, user);
    }

    private UserView awaitUser(String userId) {
        return views.await(new FindUserQuery(userId), UserView.class, u -> true, VIEW_WAIT)
                .orElseThrow(() -> new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The account is not available yet; try again in a moment"));
    }

    private static DomainException invalidCredentials() {
        return new DomainException(ErrorCode.INVALID_CREDENTIALS, "Invalid email or password");
    }

    public record Session(TokenService.IssuedToken access, String refreshToken, UserView user) {
    }
}
