package io.voxify.gateway.privacy;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.DeleteAccountCommand;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.UserView;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.limits.RateLimitFilter;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.security.SessionVersions;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.privacy.PersonalKeys;
import io.voxify.infrastructure.tokens.RefreshTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Deletes an account, by its owner (with their password) or by an administrator. In the request: every session
 * ends (refresh tokens first, removed rather than revoked so none is left naming the person, then the session
 * version, so no token outlives the account), the account records its deletion (the e-mail is released in the
 * same transaction), its daily quota counters and its request-rate bucket go, and every key the person owns is
 * destroyed, so each personal field of each stored event about them reads as erased from that moment, in
 * replays too. The removal of the account's jobs, samples, clones, favourites and ratings follows in
 * {@link AccountErasure}.
 */
@Service
public class AccountDeletion {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PersonalKeys keys;
    private final RefreshTokenStore refreshTokens;
    private final SessionVersions sessions;
    private final DailyQuotas quotas;
    private final RateLimitFilter requestLimits;
    private final ExportAllowance exports;
    private final ViewAwaiter views;
    private final Clock clock;

    public AccountDeletion(
            CommandGateway commands,
            QueryGateway queries,
            PersonalKeys keys,
            RefreshTokenStore refreshTokens,
            SessionVersions sessions,
            DailyQuotas quotas,
            RateLimitFilter requestLimits,
            ExportAllowance exports,
            ViewAwaiter views) {
        this.commands = commands;
        this.queries = queries;
        this.keys = keys;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.quotas = quotas;
        this.requestLimits = requestLimits;
        this.exports = exports;
        this.views = views;
        this.clock = Clock.systemUTC();
    }

    /** The caller deletes their own account, proving it is them with their password. */
    public AccountDeletionResponse deleteOwn(AuthenticatedUser caller, String password) {
        List<String> live = keys.liveKeysOf(caller.userId());
        // The password is checked by the account before anything ends: a wrong one changes nothing.
        commands.sendAndWait(new DeleteAccountCommand(caller.userId(), password, caller.userId(), false));
        return erase(caller.userId(), live);
    }

    /** An administrator deletes another account (their own goes through {@link #deleteOwn}, with a password). */
    public AccountDeletionResponse deleteByAdministrator(AuthenticatedUser admin, String userId) {
        if (admin.userId().equals(userId)) {
            throw new DomainException(
                    ErrorCode.CONFLICT,
                    "Administrators delete their own account with their password: DELETE /api/v1/auth/account");
        }
        queries.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "User " + userId + " was not found"));
        List<String> live = keys.liveKeysOf(userId);
        commands.sendAndWait(new DeleteAccountCommand(userId, null, admin.userId(), true));
        AccountDeletionResponse deleted = erase(userId, live);
        // Answered once the account is gone from the read model, so the users list read next (the console's) no
        // longer shows it; at the timeout it answers anyway and the projection catches up. On the request's own
        // thread: the owner's deletion runs on the sign-in throttle's shared threads, which must never wait.
        views.awaitGone(new FindUserQuery(userId), UserView.class, VIEW_WAIT);
        return deleted;
    }

    /**
     * Ends the sessions and destroys the keys. {@code live} are the keys the person had before the deletion: all
     * are destroyed once this returns, here or already by {@link AccountErasure}, which may run first.
     */
    private AccountDeletionResponse erase(String userId, List<String> live) {
        refreshTokens.forgetAllOf(userId);
        sessions.bump(userId);
        keys.destroyOwnedBy(userId);
        quotas.forget(userId);
        requestLimits.forgetUser(userId);
        exports.forget(userId);
        return new AccountDeletionResponse(userId, true, Envelope.iso(Instant.now(clock)), live.size(), "in_progress");
    }
}
