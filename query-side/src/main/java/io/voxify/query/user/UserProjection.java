package io.voxify.query.user;

import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.user.AccountDeletedEvent;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.user.UserEnabledEvent;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserProfileUpdatedEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.events.user.UserRoleChangedEvent;
import io.voxify.events.user.UserView;
import io.voxify.events.user.UserVoiceSelectedEvent;
import io.voxify.events.user.WebhookSecretRotatedEvent;
import io.voxify.query.support.ViewUpdates;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(UserProjection.PROCESSING_GROUP)
public class UserProjection {
    public static final String PROCESSING_GROUP = "users";

    private final UserRepository users;
    private final ViewUpdates views;

    public UserProjection(UserRepository users, ViewUpdates views) {
        this.users = users;
        this.views = views;
    }

    @EventHandler
    void on(UserRegisteredEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        if (users.existsById(e.userId())) {
            return; // a registration handled again: the row has it, and maybe a disabling or a new role since
        }
        UserEntity row = new UserEntity();
        row.userId = e.userId();
        // An erased registration (its account deleted since) is replayed under a placeholder unique to it: the
        // table holds each e-mail once, and the account's deletion, later in the stream, removes the row.
        row.email = Erasure.ERASED.equals(e.email()) ? Erasure.ERASED + " " + e.userId() : e.email();
        row.firstName = e.firstName();
        row.lastName = e.lastName();
        row.role = e.role().name();
        row.enabled = true;
        row.createdAt = at.toEpochMilli();
        save(row, seq, at);
    }

    /**
     * A deleted account leaves no row: its e-mail and names go, and the e-mail is free to register again. Its
     * view's subscriptions end, so a request awaiting the deletion (the administrator's) answers once it shows.
     */
    @EventHandler
    void on(AccountDeletedEvent e) {
        users.findById(e.userId()).ifPresent(users::delete);
        views.complete(FindUserQuery.class, e.userId());
    }

    @EventHandler
    void on(UserProfileUpdatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            if (e.firstName() != null) {
                row.firstName = e.firstName();
            }
            if (e.lastName() != null) {
                row.lastName = e.lastName();
            }
        });
    }

    @EventHandler
    void on(UserLoggedInEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            row.lastLoginAt = at.toEpochMilli();
            markActive(row, at);
        });
    }

    /**
     * Creating a job is activity too. It changes neither the profile nor its update time, so
     * nothing is emitted to profile subscribers.
     */
    @EventHandler
    void on(JobCreatedEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            if (markActive(row, at)) {
                users.save(row);
            }
        });
    }

    @EventHandler
    void on(UserDisabledEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            row.enabled = false;
        });
    }

    @EventHandler
    void on(UserEnabledEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            row.enabled = true;
        });
    }

    @EventHandler
    void on(UserRoleChangedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            row.role = e.role().name();
        });
    }

    @EventHandler
    void on(UserVoiceSelectedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            row.selectedVoiceId = e.voiceModelId();
        });
    }

    @EventHandler
    void on(WebhookSecretRotatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.userId(), seq, at, row -> {
            row.webhookSecretGeneration = e.generation();
            row.webhookSecretRotatedAt = at.toEpochMilli();
        });
    }

    @ResetHandler
    void reset() {
        users.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserQuery query) {
        return users.findById(query.userId()).map(UserProjection::toView);
    }

    /** Keeps the latest activity, so a replayed or redelivered event changes nothing. */
    private static boolean markActive(UserEntity row, Instant at) {
        if (row.lastActiveAt != null && row.lastActiveAt >= at.toEpochMilli()) {
            return false;
        }
        row.lastActiveAt = at.toEpochMilli();
        return true;
    }

    /**
     * Applies an event of the user's own aggregate unless the row has it already (a redelivery, or a batch
     * handled again after another node claimed the token): without this an old sign-in would put the last login
     * back, an old disabling lock the user out again. Job creations, events of other aggregates, do not pass here.
     */
    private void change(String userId, long seq, Instant at, Consumer<UserEntity> mutation) {
        users.findById(userId).ifPresent(row -> {
            if (row.version != null && seq <= row.version) {
                return;
            }
            mutation.accept(row);
            save(row, seq, at);
        });
    }

    private void save(UserEntity row, long seq, Instant at) {
        row.version = row.version == null ? seq : Math.max(row.version, seq);
        row.updatedAt = Math.max(row.updatedAt, at.toEpochMilli());
        users.save(row);
        UserView view = toView(row);
        views.emit(FindUserQuery.class, row.userId, view);
    }

    static UserView toView(UserEntity row) {
        return new UserView(
                row.userId,
                row.email,
                row.firstName,
                row.lastName,
                Role.valueOf(row.role),
                row.enabled,
                Instant.ofEpochMilli(row.createdAt),
                Instant.ofEpochMilli(row.updatedAt),
                row.lastLoginAt == null ? null : Instant.ofEpochMilli(row.lastLoginAt),
                row.selectedVoiceId,
                row.webhookSecretGeneration == null ? 0 : row.webhookSecretGeneration,
                row.webhookSecretRotatedAt == null ? null : Instant.ofEpochMilli(row.webhookSecretRotatedAt));
    }
}
