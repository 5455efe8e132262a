package io.voxify.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.AccessChange;
import io.voxify.events.user.AccountDeletedEvent;
import io.voxify.events.user.AuthenticateUserCommand;
import io.voxify.events.user.ChangeUserAccessCommand;
import io.voxify.events.user.DeleteAccountCommand;
import io.voxify.events.user.PasswordVerifier;
import io.voxify.events.user.RegisterUserCommand;
import io.voxify.events.user.RenewSessionCommand;
import io.voxify.events.user.Role;
import io.voxify.events.user.RotateWebhookSecretCommand;
import io.voxify.events.user.SelectVoiceCommand;
import io.voxify.events.user.SessionGrant;
import io.voxify.events.user.UpdateUserProfileCommand;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.user.UserEnabledEvent;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserPasswordChangedEvent;
import io.voxify.events.user.UserProfileUpdatedEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.events.user.UserRoleChangedEvent;
import io.voxify.events.user.UserVoiceSelectedEvent;
import io.voxify.events.user.WebhookSecretRotatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
public class UserAccount {

    @AggregateIdentifier
    private String userId;

    private String email;
    private String passwordHash;
    private Role role;
    private boolean enabled;
    private int webhookSecretGeneration;

    protected UserAccount() {}

    @CommandHandler
    public UserAccount(RegisterUserCommand cmd) {
        if (cmd.email() == null || cmd.passwordHash() == null || cmd.role() == null) {
            throw new DomainException(ErrorCode.MISSING_FIELDS, "email, password and role are required");
        }
        apply(new UserRegisteredEvent(
                cmd.userId(), cmd.email(), cmd.passwordHash(), cmd.firstName(), cmd.lastName(), cmd.role()));
    }

    @CommandHandler
    public Role handle(AuthenticateUserCommand cmd, PasswordVerifier passwordVerifier) {
        if (!passwordVerifier.matches(cmd.password(), passwordHash)) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "Invalid email or password");
        }
        if (!enabled) {
            throw new DomainException(ErrorCode.ACCOUNT_DISABLED, "This account has been disabled");
        }
        apply(new UserLoggedInEvent(userId, cmd.clientAddress()));
        return role;
    }

    @CommandHandler
    public void handle(UpdateUserProfileCommand cmd, PasswordVerifier passwordVerifier) {
        if (!enabled) {
            throw new DomainException(ErrorCode.ACCOUNT_DISABLED, "This account has been disabled");
        }
        if (cmd.newPasswordHash() != null
                && (cmd.currentPassword() == null || !passwordVerifier.matches(cmd.currentPassword(), passwordHash))) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The current password is not correct");
        }
        if (cmd.firstName() != null || cmd.lastName() != null) {
            apply(new UserProfileUpdatedEvent(userId, cmd.firstName(), cmd.lastName()));
        }
        if (cmd.newPasswordHash() != null) {
            apply(new UserPasswordChangedEvent(userId, cmd.newPasswordHash()));
        }
    }

    /** Answers what changed, so the caller ends sessions on what the account says, not on a read model. */
    @CommandHandler
    public AccessChange handle(ChangeUserAccessCommand cmd) {
        boolean disabling = Boolean.FALSE.equals(cmd.enabled()) && enabled;
        boolean roleChanging = cmd.role() != null && cmd.role() != role;
        if (cmd.enabled() != null && cmd.enabled() != enabled) {
            apply(
                    cmd.enabled()
                            ? new UserEnabledEvent(userId, cmd.changedBy())
                            : new UserDisabledEvent(userId, cmd.changedBy()));
        }
        if (roleChanging) {
            apply(new UserRoleChangedEvent(userId, cmd.role(), cmd.changedBy()));
        }
        return new AccessChange(disabling, roleChanging);
    }

    /**
     * The owner proves it is them with their password (a stolen access token alone cannot erase an account);
     * an administrator needs none. A deleted account is gone: every later command finds no account.
     */
    @CommandHandler
    public void handle(DeleteAccountCommand cmd, PasswordVerifier passwordVerifier) {
        if (!cmd.byAdministrator()
                && (cmd.password() == null || !passwordVerifier.matches(cmd.password(), passwordHash))) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The password is not correct");
        }
        apply(new AccountDeletedEvent(userId, cmd.requestedBy()));
    }

    @CommandHandler
    public SessionGrant handle(RenewSessionCommand cmd) {
        if (!enabled) {
            throw new DomainException(ErrorCode.ACCOUNT_DISABLED, "This account has been disabled");
        }
        return new SessionGrant(userId, email, role);
    }

    @CommandHandler
    public void handle(SelectVoiceCommand cmd) {
        apply(new UserVoiceSelectedEvent(userId, cmd.voiceModelId()));
    }

    @CommandHandler
    public int handle(RotateWebhookSecretCommand cmd) {
        apply(new WebhookSecretRotatedEvent(userId, webhookSecretGeneration + 1));
        return webhookSecretGeneration;
    }

    @EventSourcingHandler
    void on(WebhookSecretRotatedEvent e) {
        webhookSecretGeneration = e.generation();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent e) {
        userId = e.userId();
        email = e.email();
        passwordHash = e.passwordHash();
        role = e.role();
        enabled = true;
    }

    @EventSourcingHandler
    void on(AccountDeletedEvent e) {
        enabled = false;
        markDeleted();
    }

    @EventSourcingHandler
    void on(UserDisabledEvent e) {
        enabled = false;
    }

    @EventSourcingHandler
    void on(UserEnabledEvent e) {
        enabled = true;
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent e) {
        role = e.role();
    }

    @EventSourcingHandler
    void on(UserPasswordChangedEvent e) {
        passwordHash = e.passwordHash();
    }
}
