package io.voxify.query.user;

import io.voxify.query.support.ViewUpdates;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.user.UserEnabledEvent;
import io.voxify.events.user.UserRoleChangedEvent;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserProfileUpdatedEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.events.user.UserView;
import io.voxify.events.user.UserVoiceSelectedEvent;
import io.voxify.events.user.WebhookSecretRotatedEvent;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
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
    void on(UserRegisteredEvent e, @Timestamp Instant at) {
        UserEntity row = users.findById(e.userId()).orElseGet(UserEntity::new);
        row.userId = e.userId();
        row.email = e.email();
        row.firstName = e.firstName();
        row.lastName = e.lastName();
        row.role = e.role().name();
        row.enabled = true;
        row.createdAt = at.toEpochMilli();
        save(row, at);
    }

    @EventHandler
    void on(UserProfileUpdatedEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            if (e.firstName() != null) {
                row.firstName = e.firstName();
            }
            if (e.lastName() != null) {
                row.lastName = e.lastName();
            }
            save(row, at);
        });
    }

    @EventHandler
    void on(UserLoggedInEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            row.lastLoginAt = at.toEpochMilli();
            markActive(row, at);
            save(row, at);
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
    void on(UserDisabledEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            row.enabled = false;
            save(row, at);
        });
    }

    @EventHandler
    void on(UserEnabledEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            row.enabled = true;
            save(row, at);
        });
    }

    @EventHandler
    void on(UserRoleChangedEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            row.role = e.role().name();
            save(row, at);
        });
    }

    @EventHandler
    void on(UserVoiceSelectedEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            row.selectedVoiceId = e.voiceModelId();
            save(row, at);
        });
    }

    @EventHandler
    void on(WebhookSecretRotatedEvent e, @Timestamp Instant at) {
        users.findById(e.userId()).ifPresent(row -> {
            row.webhookSecretGeneration = e.generation();
            row.webhookSecretRotatedAt = at.toEpochMilli();
            save(row, at);
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

    private void save(UserEntity row, Instant at) {
        row.updatedAt = Math.max(row.updatedAt, at.toEpochMilli());
        users.save(row);
        UserView view = toView(row);
        views.emit(FindUserQuery.class, row.userId, view);
    }

    static UserView toView(UserEntity row) {
        return new UserView(row.userId, row.email, row.firstName, row.lastName, Role.valueOf(row.role), row.enabled,
                Instant.ofEpochMilli(row.createdAt), Instant.ofEpochMilli(row.updatedAt),
                row.lastLoginAt == null ? null : Instant.ofEpochMilli(row.lastLoginAt), row.selectedVoiceId,
                row.webhookSecretGeneration == null ? 0 : row.webhookSecretGeneration,
                row.webhookSecretRotatedAt == null ? null : Instant.ofEpochMilli(row.webhookSecretRotatedAt));
    }
}
