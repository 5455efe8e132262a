package io.voxify.gateway.auth;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.AuthenticateUserCommand;
import io.voxify.events.user.FindAccountByEmailQuery;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.RegisterUserCommand;
import io.voxify.events.user.RenewSessionCommand;
import io.voxify.events.user.Role;
import io.voxify.events.user.SessionGrant;
import io.voxify.events.user.UpdateUserProfileCommand;
import io.voxify.events.user.UserView;
import io.voxify.gateway.file.FileProperties;
import io.voxify.gateway.security.AccessTokenRevocations;
import io.voxify.gateway.security.SecurityProperties;
import io.voxify.gateway.security.SessionVersions;
import io.voxify.gateway.security.SignedOutSessions;
import io.voxify.gateway.security.TokenService;
import io.voxify.gateway.web.Ids;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.tokens.RefreshTokenLifetime;
import io.voxify.infrastructure.tokens.RefreshTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

@Service
public class AuthService {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenRevocations revocations;
    private final SignedOutSessions signedOut;
    private final SessionVersions sessionVersions;
    private final ViewAwaiter views;
    private final Duration refreshTtl;
    private final Duration accessTtl;
    private final Duration linkTtl;
    private final CompletableFuture<String> unknownUserHash;

    public AuthService(
            CommandGateway commands,
            QueryGateway queries,
            PasswordEncoder passwords,
            TokenService tokens,
            RefreshTokenStore refreshTokens,
            AccessTokenRevocations revocations,
            SignedOutSessions signedOut,
            SessionVersions sessionVersions,
            ViewAwaiter views,
            RefreshTokenLifetime refreshLifetime,
            SecurityProperties security,
            FileProperties files) {
        this.commands = commands;
        this.queries = queries;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.signedOut = signedOut;
        this.sessionVersions = sessionVersions;
        this.views = views;
        this.refreshTtl = refreshLifetime.refreshTokenTtl();
        this.accessTtl = security.accessTokenTtl();
        this.linkTtl = files.linkTtl();
        // Compared against when the e-mail is unknown, so both failures cost one bcrypt check. Made
        // beside start-up rather than in it (a bcrypt hash costs a fifth of a second of CPU).
        this.unknownUserHash = CompletableFuture.supplyAsync(
                () -> passwords.encode("unknown-user-" + Instant.now().toEpochMilli()));
    }

    /**
     * Registers the account; the command side claims its e-mail in the same transaction (both happen or
     * neither) and refuses one already taken.
     */
    public String register(String email, String password, String firstName, String lastName, Role role) {
        String userId = Ids.newId("user");
        commands.sendAndWait(
                new RegisterUserCommand(userId, email, passwords.encode(password), firstName, lastName, role));
        return userId;
    }

    public boolean emailTaken(String email) {
        return accountWith(email).isPresent();
    }

    /** The account holding the e-mail, from the claims written with each registration (never behind). */
    private Optional<String> accountWith(String email) {
        return queries.query(new FindAccountByEmailQuery(email), ResponseTypes.optionalInstanceOf(String.class))
                .join();
    }

    /**
     * A new session: its id is the refresh-token family it starts, carried by every access token
     * and signed link issued under it. The role comes from the account's answer, not the read model.
     */
    public Session login(String email, String password, String clientAddress) {
        String userId = accountWith(email).orElse(null);
        if (userId == null) {
            passwords.matches(password, unknownUserHash.join());
            throw invalidCredentials();
        }
        Instant attempt = Instant.now().minusSeconds(1);
        Role role = commands.sendAndWait(new AuthenticateUserCommand(userId, password, clientAddress));
        UserView view = views.await(
                        new FindUserQuery(userId),
                        UserView.class,
                        u -> u.lastLoginAt() != null && u.lastLoginAt().isAfter(attempt),
                        VIEW_WAIT)
                .orElseGet(() -> awaitUser(userId));
        UserView user = asTheAccountSays(view, role, true);
        String sessionId = Ids.newId("fam");
        TokenService.IssuedToken access = tokens.issueAccessToken(user.userId(), user.email(), role, sessionId);
        String refresh =
                refreshTokens.issue(user.userId(), sessionId, Instant.now().plus(refreshTtl));
        return new Session(access, refresh, user);
    }

    /**
     * The session goes on with a new access token, as the account is now: its role and state are
     * asked of the account itself (its events), since the read model may not have caught up with a
     * change made a moment ago.
     */
    public Session refresh(String refreshToken) {
        Instant now = Instant.now();
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(refreshToken, now, now.plus(refreshTtl));
        SessionGrant grant;
        try {
            grant = commands.sendAndWait(new RenewSessionCommand(rotation.userId()));
        } catch (RuntimeException refused) {
            if (isDisabled(refused)) {
                refreshTokens.revokeAllOf(rotation.userId());
            }
            throw refused;
        }
        TokenService.IssuedToken access =
                tokens.issueAccessToken(grant.userId(), grant.email(), grant.role(), rotation.familyId());
        return new Session(
                access, rotation.newToken(), asTheAccountSays(awaitUser(rotation.userId()), grant.role(), true));
    }

    /**
     * Ends this session (this sign-in, on this device): its access tokens, whether this one or one
     * refreshed from the same sign-in, its refresh tokens and the signed links issued under it. Other
     * sessions of the same user go on; a password change ends them all.
     */
    public void logout(Jwt accessToken, String refreshToken) {
        Instant now = Instant.now();
        String sessionId = TokenService.sessionId(accessToken);
        revocations.revoke(accessToken.getId(), accessToken.getExpiresAt());
        signedOut.signOut(sessionId, now.plus(accessTtl.compareTo(linkTtl) > 0 ? accessTtl : linkTtl));
        if (!sessionId.isEmpty()) {
            refreshTokens.revokeFamily(sessionId);
        }
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    public UserView profile(String userId) {
        return awaitUser(userId);
    }

    public UserView updateProfile(
            String userId, String firstName, String lastName, String currentPassword, String newPassword) {
        String newHash = newPassword == null ? null : passwords.encode(newPassword);
        commands.sendAndWait(new UpdateUserProfileCommand(userId, firstName, lastName, currentPassword, newHash));
        if (newHash != null) {
            // Every session ends, this one included: refresh tokens first, so none is exchanged
            // for an access token of the new version in between.
            refreshTokens.revokeAllOf(userId);
            sessionVersions.bump(userId);
        }
        return views.await(
                        new FindUserQuery(userId),
                        UserView.class,
                        u -> (firstName == null || Objects.equals(firstName, u.firstName()))
                                && (lastName == null || Objects.equals(lastName, u.lastName())),
                        VIEW_WAIT)
                .orElseGet(() -> awaitUser(userId));
    }

    /** The read model's view with the role and state the account itself answered (the view may lag). */
    private static UserView asTheAccountSays(UserView v, Role role, boolean enabled) {
        return new UserView(
                v.userId(),
                v.email(),
                v.firstName(),
                v.lastName(),
                role,
                enabled,
                v.createdAt(),
                v.updatedAt(),
                v.lastLoginAt(),
                v.selectedVoiceId(),
                v.webhookSecretGeneration(),
                v.webhookSecretRotatedAt());
    }

    private UserView awaitUser(String userId) {
        return views.await(new FindUserQuery(userId), UserView.class, u -> true, VIEW_WAIT)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.SERVICE_UNAVAILABLE, "The account is not available yet; try again in a moment"));
    }

    private static boolean isDisabled(RuntimeException e) {
        DomainException refusal = e instanceof DomainException d
                ? d
                : e instanceof CommandExecutionException cee
                                && cee.getDetails().orElse(null) instanceof DomainException d
                        ? d
                        : null;
        return refusal != null && refusal.code() == ErrorCode.ACCOUNT_DISABLED;
    }

    private static DomainException invalidCredentials() {
        return new DomainException(ErrorCode.INVALID_CREDENTIALS, "Invalid email or password");
    }

    public record Session(TokenService.IssuedToken access, String refreshToken, UserView user) {}
}
